package io.orderinsight.projections.testing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.WriteModel;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A database whose process dies after a given number of single writes: each document a {@code bulkWrite} writes
 * counts as one, so a bulk can be cut after any of its documents (they are applied one at a time, as an unordered bulk
 * may be left half applied), and each insert, update, replace or delete counts as one. Reads pass through. The
 * write that would exceed the allowance throws {@link Crash} instead, and so does every later one.
 */
public final class CrashingMongo {

    private static final Set<String> WRITES = Set.of(
            "insertOne",
            "insertMany",
            "updateOne",
            "updateMany",
            "replaceOne",
            "deleteOne",
            "deleteMany",
            "findOneAndUpdate",
            "findOneAndReplace",
            "findOneAndDelete");

    /** The process died here. */
    public static final class Crash extends RuntimeException {
        Crash() {
            super("process killed", null, false, false);
        }
    }

    private CrashingMongo() {}

    /** {@code database}, dying after {@code writes} single writes. */
    public static MongoDatabase dyingAfter(MongoDatabase database, int writes) {
        return wrap(database, MongoDatabase.class, new AtomicInteger(writes));
    }

    private static <T> T wrap(T target, Class<T> type, AtomicInteger left) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (method.getName().equals("bulkWrite") && arguments[0] instanceof List<?> models) {
                return bulkWrite((MongoCollection<?>) target, method, arguments, models, left);
            }
            if (WRITES.contains(method.getName()) && left.getAndDecrement() <= 0) {
                throw new Crash();
            }
            Object result = invoke(target, method, arguments);
            if (result instanceof MongoCollection<?> collection) {
                return wrap(collection, MongoCollection.class, left);
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object bulkWrite(
            MongoCollection<?> collection, Method method, Object[] arguments, List<?> models, AtomicInteger left)
            throws Throwable {
        if (left.get() >= models.size()) {
            left.addAndGet(-models.size());
            return invoke(collection, method, arguments);
        }
        // the bulk is cut: its first documents are written one by one, then the process dies
        for (Object model : models) {
            if (left.getAndDecrement() <= 0) {
                throw new Crash();
            }
            Object[] one = arguments.clone();
            one[0] = List.of((WriteModel<?>) model);
            invoke(collection, method, one);
        }
        throw new Crash();
    }

    private static Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
