package io.orderinsight.query;

/** A query for an id no read model knows; {@code code} is the API's machine code, e.g. ORDER_NOT_FOUND. */
public class ViewNotFoundException extends RuntimeException {

    private final String code;

    public ViewNotFoundException(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
