package io.orderinsight.query;

/**
 * Paging of lists ({@code OrderPage}, {@code AlertPage}): {@code page} counts from 0, {@code size} ≤ 200, {@code total}
 * is the number of matches; {@code page × size} stays below 2^31.
 */
public final class Page {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;
    /** The offset no page may reach: an int offset (the stores skip by one) ends below it. */
    private static final long MAX_OFFSET = 1L << 31;

    public static void check(int page, int size) {
        if (page < 0) {
            throw new InvalidQueryException("page", "must be 0 or more, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidQueryException("size", "must be between 1 and " + MAX_SIZE + ", was " + size);
        }
        if ((long) page * size >= MAX_OFFSET) {
            throw new InvalidQueryException(
                    "page", "times size must stay below 2^31, was " + page + " × " + size + " = " + (long) page * size);
        }
    }

    private Page() {}
}
