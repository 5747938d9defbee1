package io.orderinsight.command.api;

import static io.orderinsight.command.api.ApiPatterns.CURRENCY;
import static io.orderinsight.command.api.ApiPatterns.ID;
import static io.orderinsight.command.api.ApiPatterns.ID_MESSAGE;
import static io.orderinsight.command.api.ApiPatterns.MAX_AMOUNT;
import static io.orderinsight.command.api.ApiPatterns.MAX_TEXT;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** Request bodies of the refund commands. */
public final class RefundRequests {

    private RefundRequests() {}

    public record RequestRefund(
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE)
            String refundId,

            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE)
            String orderId,

            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE)
            String paymentId,

            @NotNull @Positive @Max(MAX_AMOUNT) Long amount,

            @Pattern(regexp = CURRENCY, message = "must be an ISO-4217 code")
            String currency,

            @NotBlank @Size(max = MAX_TEXT) String reason,
            Instant occurredAt) {}

    public record ApproveRefund(Instant occurredAt) {}

    public record RejectRefund(
            @NotBlank @Size(max = MAX_TEXT) String reason, Instant occurredAt) {}

    public record CompleteRefund(Instant occurredAt) {}
}
