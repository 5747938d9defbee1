package io.orderinsight.web;

import io.orderinsight.domain.shared.RejectionCode;

/** The contract's code for an HTTP status the server answers without a more specific one (see API.md's table). */
public final class ProblemCodes {

    private ProblemCodes() {}

    public static String of(int status) {
        return switch (status) {
            case 400 -> RejectionCode.VALIDATION_FAILED.name();
            case 401 -> RejectionCode.UNAUTHORIZED.name();
            case 403 -> RejectionCode.FORBIDDEN.name();
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "OVERLOADED";
            default -> status >= 500 ? "INTERNAL_ERROR" : RejectionCode.VALIDATION_FAILED.name();
        };
    }
}
