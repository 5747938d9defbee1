package io.orderinsight.web;

import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.RejectionCode;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem bodies with our machine {@code code}: the one place where a rejection becomes an HTTP status. */
public final class Problems {

    private Problems() {}

    public static HttpStatus statusOf(RejectionCode code) {
        return switch (code) {
            case VALIDATION_FAILED -> HttpStatus.BAD_REQUEST;
            case ORDER_NOT_FOUND,
                    PAYMENT_NOT_FOUND,
                    REFUND_NOT_FOUND,
                    DISPUTE_NOT_FOUND,
                    CUSTOMER_NOT_FOUND,
                    ALERT_NOT_FOUND,
                    RULE_NOT_FOUND,
                    JOB_NOT_FOUND,
                    PROJECTION_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case DUPLICATE_ID, INVALID_STATE, CONCURRENT_MODIFICATION, REBUILD_IN_PROGRESS -> HttpStatus.CONFLICT;
            case CURRENCY_MISMATCH, CAPTURE_EXCEEDS_AUTHORIZED, REFUND_EXCEEDS_REFUNDABLE, CUSTOMER_BLOCKED ->
                HttpStatus.UNPROCESSABLE_ENTITY;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
    }

    public static ProblemDetail of(CommandRejectedException rejection) {
        ProblemDetail problem = of(statusOf(rejection.code()), rejection.code().name(), rejection.getMessage());
        if (rejection.field() != null && rejection.code() == RejectionCode.VALIDATION_FAILED) {
            problem.setProperty(
                    "errors", List.of(Map.of("field", rejection.field(), "message", rejection.getMessage())));
        }
        return problem;
    }

    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(titleOf(code));
        problem.setProperty("code", code);
        return problem;
    }

    private static String titleOf(String code) {
        String words = code.replace('_', ' ').toLowerCase();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
