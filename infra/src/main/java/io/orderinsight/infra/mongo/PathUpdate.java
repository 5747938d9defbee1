package io.orderinsight.infra.mongo;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.NumericUtils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An update of one stored document worked out by copying only the subdocuments on the paths it changes: the result is
 * the new values of the top-level fields it changes, each a copy of the stored value along the changed paths and
 * sharing everything else with it, so the stored document is untouched until the caller puts them in. Handles the
 * operators the projections use on documents they name by {@code _id} ({@code $inc}, {@code $set}, {@code $min},
 * {@code $max}, {@code $addToSet}, and {@code $setOnInsert}, which an update of an existing document ignores) with
 * MongoDB's meaning; anything else is answered with null, for the caller to take the stock way.
 */
final class PathUpdate {

    private static final String ID = "_id";
    private static final String SET_ON_INSERT = "$setOnInsert";
    private static final String EACH = "$each";
    private static final Set<String> OPERATORS = Set.of("$inc", "$set", "$min", "$max", "$addToSet", SET_ON_INSERT);
    private static final ValueComparator ORDER = ValueComparator.asc();

    private final Document stored;
    private final Map<String, Object> changed = new LinkedHashMap<>();
    private final Set<Document> copies = Collections.newSetFromMap(new IdentityHashMap<>());

    private PathUpdate(Document stored) {
        this.stored = stored;
    }

    /**
     * The new values of the top-level fields {@code update} changes in {@code stored}, or null if it is not one this
     * class applies: an unknown operator, a path on {@code _id} or on a field in {@code indexed}, two paths of which
     * one lies within the other, a path through a value that is not a document, a value of the wrong type.
     */
    static Map<String, Object> apply(Document stored, Document update, Set<String> indexed) {
        return apply(stored, update, indexed, false);
    }

    /**
     * The fields {@code update} adds to {@code inserted}, the document an upsert inserts as its selector gives it
     * ({@code $setOnInsert} applies like {@code $set}; a new document is indexed as a whole, so any field may be set),
     * or null if it is not an update this class applies.
     */
    static Map<String, Object> applyToInserted(Document inserted, Document update) {
        return apply(inserted, update, Set.of(), true);
    }

    private static Map<String, Object> apply(Document stored, Document update, Set<String> indexed, boolean inserting) {
        Set<String> paths = new HashSet<>();
        for (Map.Entry<String, Object> operator : update.entrySet()) {
            if (!OPERATORS.contains(operator.getKey()) || !(operator.getValue() instanceof Document fields)) {
                return null;
            }
            if (operator.getKey().equals(SET_ON_INSERT) && !inserting) {
                continue;
            }
            for (String path : fields.keySet()) {
                String top = head(path);
                if (path.isEmpty() || path.indexOf('$') >= 0 || top.equals(ID) || indexed.contains(top)) {
                    return null;
                }
                if (!paths.add(path)) {
                    return null;
                }
            }
        }
        for (String path : paths) {
            for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
                if (paths.contains(path.substring(0, dot))) {
                    return null;
                }
            }
        }
        PathUpdate work = new PathUpdate(stored);
        for (Map.Entry<String, Object> operator : update.entrySet()) {
            boolean onInsert = operator.getKey().equals(SET_ON_INSERT);
            if (onInsert && !inserting) {
                continue;
            }
            String applied = onInsert ? "$set" : operator.getKey();
            for (Map.Entry<String, Object> field : ((Document) operator.getValue()).entrySet()) {
                if (!work.set(applied, field.getKey(), field.getValue())) {
                    return null;
                }
            }
        }
        return work.changed;
    }

    /**
     * Whether {@code stored} surely matches {@code selector}: every field of it (a path of names joined by dots) equals a
     * plain value, null (absent or null) or a list of plain values (equal element by element). False when it does not,
     * or when the selector asks anything else — for the caller to take the stock way, which judges every selector.
     */
    static boolean matches(Document stored, Document selector) {
        for (Map.Entry<String, Object> field : selector.entrySet()) {
            String path = field.getKey();
            Object wanted = field.getValue();
            if (path.startsWith("$") || wanted instanceof Document) {
                return false;
            }
            Object held = valueAt(stored, path);
            if (held == THROUGH_LIST) {
                return false;
            }
            if (wanted == null) {
                if (!Missing.isNullOrMissing(held)) {
                    return false;
                }
            } else if (wanted instanceof List<?> values) {
                if (!(held instanceof List<?> list) || list.size() != values.size()) {
                    return false;
                }
                for (int i = 0; i < values.size(); i++) {
                    if (values.get(i) instanceof Document
                            || values.get(i) instanceof List<?>
                            || !same(list.get(i), values.get(i))) {
                        return false;
                    }
                }
            } else if (!same(held, wanted)) {
                return false;
            }
        }
        return true;
    }

    /** Stands for a path through a list, which MongoDB reads as positions or as each element's field. */
    private static final Object THROUGH_LIST = new Object();

    /** The value at a path of names joined by dots through subdocuments; null if there is none. */
    private static Object valueAt(Document document, String path) {
        Object value = document;
        for (String name : path.split("\\.", -1)) {
            if (value instanceof List<?>) {
                return THROUGH_LIST;
            }
            if (!(value instanceof Document nested)) {
                return null;
            }
            value = nested.get(name);
        }
        return value;
    }

    /** Applies one operator to one path, copying the documents on its way; false if it cannot. */
    private boolean set(String operator, String path, Object value) {
        String[] fragments = path.split("\\.", -1);
        Document parent = null;
        for (int i = 0; i < fragments.length - 1; i++) {
            Object current = parent == null ? topValue(fragments[0]) : parent.get(fragments[i]);
            Document copy;
            if (Missing.isNullOrMissing(current)) {
                copy = new Document();
            } else if (current instanceof Document document) {
                copy = copies.contains(document) ? document : document.clone();
            } else {
                return false;
            }
            copies.add(copy);
            if (parent == null) {
                changed.put(fragments[0], copy);
            } else {
                parent.put(fragments[i], copy);
            }
            parent = copy;
        }
        String last = fragments[fragments.length - 1];
        Object current = parent == null ? topValue(last) : parent.get(last);
        Object next = next(operator, Missing.isNullOrMissing(current) ? null : current, value);
        if (next == NOT_APPLICABLE) {
            return false;
        }
        if (parent == null) {
            changed.put(last, next);
        } else {
            parent.put(last, next);
        }
        return true;
    }

    private static final Object NOT_APPLICABLE = new Object();

    /** The value a field holding {@code current} (null if none) holds after the operator. */
    private static Object next(String operator, Object current, Object value) {
        switch (operator) {
            case "$inc" -> {
                if (!(value instanceof Number amount) || (current != null && !(current instanceof Number))) {
                    return NOT_APPLICABLE;
                }
                return current == null ? amount : NumericUtils.addNumbers((Number) current, amount);
            }
            case "$set" -> {
                return value;
            }
            case "$min" -> {
                return current == null || ORDER.compare(value, current) < 0 ? value : current;
            }
            case "$max" -> {
                return current == null || ORDER.compare(value, current) > 0 ? value : current;
            }
            default -> {
                return addToSet(current, value);
            }
        }
    }

    private static Object addToSet(Object current, Object value) {
        List<Object> adding;
        if (value instanceof Document each) {
            if (each.size() != 1 || !(each.get(EACH) instanceof List<?> values)) {
                return NOT_APPLICABLE;
            }
            adding = new ArrayList<>(values);
        } else {
            adding = new ArrayList<>();
            adding.add(value);
        }
        if (current != null && !(current instanceof List<?>)) {
            return NOT_APPLICABLE;
        }
        List<Object> set = current == null ? new ArrayList<>() : new ArrayList<>((List<?>) current);
        for (Object candidate : adding) {
            if (set.stream().noneMatch(held -> same(held, candidate))) {
                set.add(candidate);
            }
        }
        return set;
    }

    private Object topValue(String field) {
        return changed.containsKey(field) ? changed.get(field) : stored.get(field);
    }

    /** Equal as MongoDB compares values: numbers by value whatever their type. */
    private static boolean same(Object held, Object wanted) {
        if (held instanceof Number a && wanted instanceof Number b) {
            return ORDER.compare(a, b) == 0;
        }
        return Objects.equals(held, wanted);
    }

    private static String head(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }
}
