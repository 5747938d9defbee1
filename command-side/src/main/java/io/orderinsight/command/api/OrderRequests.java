package io.orderinsight.command.api;

import static io.orderinsight.command.api.ApiPatterns.COUNTRY;
import static io.orderinsight.command.api.ApiPatterns.CURRENCY;
import static io.orderinsight.command.api.ApiPatterns.ID;
import static io.orderinsight.command.api.ApiPatterns.ID_MESSAGE;
import static io.orderinsight.command.api.ApiPatterns.MAX_AMOUNT;
import static io.orderinsight.command.api.ApiPatterns.MAX_TEXT;

import io.orderinsight.domain.order.Channel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Request bodies of the order commands. */
public final class OrderRequests {

    private OrderRequests() {}

    public record PlaceOrder(
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE)
            String orderId,

            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE)
            String customerId,

            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE)
            String sellerId,

            @NotNull @Pattern(regexp = CURRENCY, message = "must be an ISO-4217 code")
            String currency,

            @NotNull Channel channel,

            @NotNull @Pattern(regexp = COUNTRY, message = "must be an ISO-3166 alpha-2 code")
            String shippingCountry,

            @NotEmpty @Size(max = 500) List<@Valid @NotNull Item> items,
            @Valid Customer customer,
            @Valid ShippingAddress shippingAddress,
            Instant occurredAt) {}

    public record Item(
            @NotBlank @Size(max = 64) String sku,
            @NotBlank @Size(max = 64) String category,
            @NotNull @Positive @Max(1_000_000) Integer quantity,
            @NotNull @PositiveOrZero @Max(MAX_AMOUNT) Long unitPrice) {}

    public record Customer(
            @Email @Size(max = 254) String email,
            @Size(max = 200) String name) {}

    public record ShippingAddress(
            @Size(max = 200) String line1,
            @Size(max = 100) String city,
            @Size(max = 20) String postalCode) {}

    public record CancelOrder(
            @NotBlank @Size(max = MAX_TEXT) String reason, Instant occurredAt) {}

    public record ShipOrder(
            @NotBlank @Size(max = 64) String carrier,
            @NotBlank @Size(max = 128) String trackingNumber,
            Instant occurredAt) {}

    public record DeliverOrder(Instant occurredAt) {}
}
