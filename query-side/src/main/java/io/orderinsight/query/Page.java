package io.orderinsight.query;

/**
 * Paging of lists ({@code OrderPage}, {@code AlertPage}): {@code page} counts from 0, {@code size} ≤ 200, {@code total}
 * is the number of matches.
 */
public final class Page {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public static void check(int page, int size) {
        if (page < 0) {
            throw new InvalidQueryException("page", "must be 0 or more, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidQueryException("size", "must be between 1 and " + MAX_SIZE + ", was " + size);
        }
    }

    private Page() {}
}
