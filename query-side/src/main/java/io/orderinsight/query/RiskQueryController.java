package io.orderinsight.query;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.orderinsight.projections.order.OrderViewFields;
import io.orderinsight.projections.order.OrderViewProjection;
import io.orderinsight.projections.support.ProjectionNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seller KPIs against the card networks' dispute thresholds, and a customer's risk profile, recomputed from the
 * order documents of that seller or customer.
 */
@RestController
public class RiskQueryController {

    /** After Mastercard's Excessive Chargeback Merchant programme and Visa's VAMP: 1.5% with at least 100. */
    static final double DISPUTE_RATIO_THRESHOLD = 0.015;

    static final int DISPUTE_MINIMUM_COUNT = 100;
    static final double WARNING_SHARE = 0.75;
    private static final List<String> PROJECTIONS = List.of(ProjectionNames.ORDER_VIEWS);

    private final MongoCollection<Document> orders;
    private final ProjectionClock clock;

    public RiskQueryController(MongoDatabase readModels, ProjectionClock clock) {
        this.orders = readModels.getCollection(OrderViewProjection.COLLECTION);
        this.clock = clock;
    }

    /** One currency's KPIs of a seller; {@code standing} is OK, WARNING (≥ 75% of the threshold) or EXCESSIVE. */
    public record SellerKpis(
            long orders,
            long gmv,
            long captured,
            long refunded,
            long disputes,
            long capturedPayments,
            double disputeRatio,
            double fraudRatio,
            String standing) {}

    public record SellerView(
            String sellerId,
            Map<String, SellerKpis> currencies,
            double disputeRatioThreshold,
            int disputeMinimumCount,
            Freshness freshness) {}

    public record CustomerRisk(
            String customerId,
            long orders,
            long refunds,
            long declines,
            long disputes,
            int distinctCards,
            List<String> holds,
            boolean blocked,
            long openAlerts,
            Freshness freshness) {}

    @GetMapping(path = "/api/v1/insights/sellers/{sellerId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public SellerView seller(@PathVariable String sellerId) {
        Freshness freshness = clock.freshnessOf(PROJECTIONS);
        Map<String, long[]> sums = new TreeMap<>();
        for (Document order : orders.find(eq(OrderViewFields.SELLER_ID, sellerId))) {
            OrderFacts facts = OrderFacts.of(order);
            long[] sum = sums.computeIfAbsent(facts.currency(), currency -> new long[6]);
            sum[0]++;
            sum[1] += facts.total();
            sum[2] += facts.capturedTotal();
            sum[3] +=
                    facts.refunds().stream().mapToLong(OrderFacts.Dated::amount).sum();
            sum[4] += facts.disputes();
            sum[5] += facts.capturedPayments();
        }
        Map<String, SellerKpis> currencies = new LinkedHashMap<>();
        sums.forEach((currency, sum) -> {
            double ratio = sum[5] == 0 ? 0 : (double) sum[4] / sum[5];
            currencies.put(
                    currency,
                    new SellerKpis(sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], ratio, 0, standing(ratio, sum[4])));
        });
        return new SellerView(sellerId, currencies, DISPUTE_RATIO_THRESHOLD, DISPUTE_MINIMUM_COUNT, freshness);
    }

    @GetMapping(path = "/api/v1/customers/{customerId}/risk", produces = MediaType.APPLICATION_JSON_VALUE)
    public CustomerRisk customer(@PathVariable String customerId) {
        Freshness freshness = clock.freshnessOf(PROJECTIONS);
        long count = 0;
        long refunds = 0;
        long declines = 0;
        long disputes = 0;
        TreeSet<String> cards = new TreeSet<>();
        for (Document order : orders.find(eq(OrderViewFields.CUSTOMER_ID, customerId))) {
            OrderFacts facts = OrderFacts.of(order);
            count++;
            refunds += facts.refunds().size();
            declines += facts.declines().size();
            disputes += facts.disputes();
            cards.addAll(facts.cards());
        }
        if (count == 0) {
            throw new ViewNotFoundException("CUSTOMER_NOT_FOUND", "customer " + customerId + " has no orders");
        }
        return new CustomerRisk(
                customerId, count, refunds, declines, disputes, cards.size(), List.of(), false, 0, freshness);
    }

    /** Where a seller stands against the dispute-ratio threshold (which applies from the minimum count on). */
    static String standing(double ratio, long disputes) {
        if (disputes >= DISPUTE_MINIMUM_COUNT && ratio >= DISPUTE_RATIO_THRESHOLD) {
            return "EXCESSIVE";
        }
        return ratio >= WARNING_SHARE * DISPUTE_RATIO_THRESHOLD ? "WARNING" : "OK";
    }
}
