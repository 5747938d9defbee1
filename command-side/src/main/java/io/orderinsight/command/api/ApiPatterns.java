package io.orderinsight.command.api;

/** Field limits shared by every command request. */
final class ApiPatterns {

    static final String ID = "[A-Za-z0-9._:-]{1,64}";
    static final String ID_MESSAGE = "must be 1-64 characters of [A-Za-z0-9._:-]";
    static final String CURRENCY = "[A-Z]{3}";
    static final String COUNTRY = "[A-Z]{2}";
    /** 10^15 minor units: far above any real order, far below where sums could overflow a long. */
    static final long MAX_AMOUNT = 1_000_000_000_000_000L;

    static final int MAX_TEXT = 500;

    private ApiPatterns() {}
}
