package io.orderinsight.command.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Why a JSON body could not be read, in the contract's words: the field it concerns (dotted, with indexes:
 * {@code items[0].quantity}) when there is one, and a message that names no class. Jackson's own messages name Java
 * types and features, so they never leave the process. The same description serves HTTP bodies and Kafka records.
 *
 * @param field the field, or null when the failure concerns the whole body
 * @param message what is wrong with it
 * @param wellFormed whether the input was JSON at all (a duplicate key or trailing content is, a syntax error is not)
 */
public record JsonFailure(String field, String message, boolean wellFormed) {

    private static final Set<Class<?>> INTEGERS =
            Set.of(long.class, Long.class, int.class, Integer.class, short.class, Short.class);

    public static JsonFailure of(JsonProcessingException failure) {
        // a parser's failure inside a record's deserialization arrives wrapped, with a path that ends above it
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException parse) {
                return String.valueOf(parse.getOriginalMessage()).startsWith("Duplicate field")
                        // StreamReadFeature.STRICT_DUPLICATE_DETECTION: the parser stands on the repeated name
                        ? new JsonFailure(fieldAt(parse), "appears more than once", true)
                        : new JsonFailure(null, "is not JSON", false);
            }
        }
        String original = String.valueOf(failure.getOriginalMessage());
        if (failure instanceof MismatchedInputException && original.startsWith("Trailing token")) {
            // DeserializationFeature.FAIL_ON_TRAILING_TOKENS
            return new JsonFailure(null, "has content after its JSON value", true);
        }
        if (failure instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            return new JsonFailure(field, messageOf(mapping), true);
        }
        if (failure instanceof JsonMappingException) {
            return new JsonFailure(null, "is not a JSON object of the expected shape", true);
        }
        return new JsonFailure(null, "is not JSON", false);
    }

    /** {@code field message}, or {@code whole message} when no field is known. */
    public String describe(String whole) {
        return (field == null ? whole : field) + " " + message;
    }

    private static String messageOf(JsonMappingException mapping) {
        Class<?> target = mapping instanceof MismatchedInputException mismatched ? mismatched.getTargetType() : null;
        if (target != null && target.isEnum()) {
            return "must be one of " + Arrays.toString(target.getEnumConstants());
        }
        if (target != null && INTEGERS.contains(target)) {
            return "must be a JSON integer (no quotes, decimals or exponent) within range";
        }
        if (mapping instanceof InvalidFormatException) {
            return "has a value of the wrong format";
        }
        return "has a value of the wrong type or out of range";
    }

    /** The path of the name the parser stood on when it failed, or null. */
    private static String fieldAt(JsonProcessingException failure) {
        if (!(failure.getProcessor() instanceof JsonParser parser)) {
            return null;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext context = parser.getParsingContext();
                context != null && !context.inRoot();
                context = context.getParent()) {
            if (context.inObject() && context.getCurrentName() != null) {
                parts.addFirst("." + context.getCurrentName());
            } else if (context.inArray()) {
                parts.addFirst("[" + Math.max(context.getCurrentIndex(), 0) + "]");
            }
        }
        String path = String.join("", parts);
        return path.isEmpty() ? null : path.startsWith(".") ? path.substring(1) : path;
    }
}
