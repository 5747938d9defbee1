package io.orderinsight.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The order view as a plain Spring Data MongoDB entity: the fields of {@code order_views}, mapped by the driver's
 * converter, kept by the {@link PlainAxonPeer}'s projection.
 */
@Document(PlainOrderView.COLLECTION)
public class PlainOrderView {

    public static final String COLLECTION = "plain_order_views";

    @Id
    public String id;

    public String customerId;
    public String sellerId;
    public String channel;
    public String shippingCountry;
    public String currency;
    public long total;
    public int items;
    public String status;
    public String sealedPersonalData;
    public Instant placedAt;
    public Instant cancelledAt;
    public Instant shippedAt;
    public Instant deliveredAt;
    public Map<String, Payment> payments = new LinkedHashMap<>();
    public List<String> refundIds = new ArrayList<>();

    /** One payment of the order. */
    public static class Payment {
        public String status;
        public long authorized;
        public long captured;
        public long refunded;
        public long refundsInFlight;
        public long disputed;
    }

    Payment payment(String paymentId) {
        return payments.computeIfAbsent(paymentId, key -> new Payment());
    }
}
