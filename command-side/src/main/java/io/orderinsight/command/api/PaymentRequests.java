package io.orderinsight.command.api;

import static io.orderinsight.command.api.ApiPatterns.COUNTRY;
import static io.orderinsight.command.api.ApiPatterns.CURRENCY;
import static io.orderinsight.command.api.ApiPatterns.ID;
import static io.orderinsight.command.api.ApiPatterns.ID_MESSAGE;
import static io.orderinsight.command.api.ApiPatterns.MAX_AMOUNT;
import static io.orderinsight.command.api.ApiPatterns.MAX_TEXT;

import io.orderinsight.domain.payment.DisputeOutcome;
import io.orderinsight.domain.payment.PaymentMethod;
import io.orderinsight.domain.payment.PaymentOutcome;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** Request bodies of the payment and dispute commands. */
public final class PaymentRequests {

    private PaymentRequests() {}

    public record RecordPayment(
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE)
            String paymentId,

            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE)
            String orderId,

            @NotNull @Positive @Max(MAX_AMOUNT) Long amount,

            @NotNull @Pattern(regexp = CURRENCY, message = "must be an ISO-4217 code")
            String currency,

            @NotNull PaymentMethod method,
            @NotNull PaymentOutcome outcome,
            @Size(max = MAX_TEXT) String declineReason,
            @Size(max = 128) String cardFingerprint,

            @Pattern(regexp = COUNTRY, message = "must be an ISO-3166 alpha-2 code")
            String ipCountry,

            @Pattern(regexp = COUNTRY, message = "must be an ISO-3166 alpha-2 code")
            String billingCountry,

            Instant occurredAt) {}

    public record CapturePayment(
            @NotNull @Positive @Max(MAX_AMOUNT) Long amount, Instant occurredAt) {}

    public record VoidPayment(Instant occurredAt) {}

    public record OpenDispute(
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE)
            String disputeId,

            @NotNull @Positive @Max(MAX_AMOUNT) Long amount,
            @NotBlank @Size(max = MAX_TEXT) String reason,
            Instant occurredAt) {}

    public record ResolveDispute(@NotNull DisputeOutcome outcome, Instant occurredAt) {}
}
