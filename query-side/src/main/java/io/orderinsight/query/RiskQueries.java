package io.orderinsight.query;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.orderinsight.domain.customer.FindCustomerRiskQuery;
import io.orderinsight.domain.order.FindSellerKpisQuery;
import io.orderinsight.projections.insight.InsightCollections;
import io.orderinsight.projections.insight.InsightCollections.Customer;
import io.orderinsight.projections.insight.InsightCollections.Seller;
import io.orderinsight.projections.support.ProjectionNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Query handlers of seller KPIs against the card networks' dispute thresholds, from the seller's month documents, and a customer's risk
 * profile, both kept by the insight projection.
 */
@Component
public class RiskQueries {

    /** After Mastercard's Excessive Chargeback Merchant programme and Visa's VAMP: 1.5% with at least 100. */
    static final double DISPUTE_RATIO_THRESHOLD = 0.015;

    static final int DISPUTE_MINIMUM_COUNT = 100;
    static final double WARNING_SHARE = 0.75;
    private static final List<String> PROJECTIONS = List.of(ProjectionNames.INSIGHT);

    private final MongoCollection<Document> sellers;
    private final MongoCollection<Document> customers;
    private final ProjectionClock clock;

    public RiskQueries(MongoDatabase readModels, ProjectionClock clock) {
        this.sellers = readModels.getCollection(InsightCollections.SELLER_MONTHS);
        this.customers = readModels.getCollection(InsightCollections.CUSTOMER_PROFILES);
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

    @QueryHandler
    public SellerView handle(FindSellerKpisQuery query) {
        String sellerId = query.sellerId().value();
        Freshness freshness = clock.freshnessOf(PROJECTIONS);
        Map<String, long[]> sums = new TreeMap<>();
        for (Document month :
                sellers.find(eq(InsightCollections.SELLER_ID, sellerId)).batchSize(1_000)) {
            long[] sum = sums.computeIfAbsent(month.getString(InsightCollections.CURRENCY), currency -> new long[7]);
            String[] fields = {
                Seller.ORDERS,
                Seller.GMV,
                Seller.CAPTURED,
                Seller.REFUNDED,
                Seller.DISPUTES,
                Seller.CAPTURED_PAYMENTS,
                Seller.FRAUD
            };
            for (int i = 0; i < fields.length; i++) {
                Number value = month.get(fields[i], Number.class);
                sum[i] += value == null ? 0 : value.longValue();
            }
        }
        Map<String, SellerKpis> currencies = new LinkedHashMap<>();
        sums.forEach((currency, sum) -> {
            double ratio = sum[5] == 0 ? 0 : (double) sum[4] / sum[5];
            double fraudRatio = sum[5] == 0 ? 0 : (double) sum[6] / sum[5];
            currencies.put(
                    currency,
                    new SellerKpis(
                            sum[0],
                            sum[1],
                            sum[2],
                            sum[3],
                            sum[4],
                            sum[5],
                            ratio,
                            fraudRatio,
                            standing(ratio, sum[4])));
        });
        return new SellerView(sellerId, currencies, DISPUTE_RATIO_THRESHOLD, DISPUTE_MINIMUM_COUNT, freshness);
    }

    @QueryHandler
    public Optional<CustomerRisk> handle(FindCustomerRiskQuery query) {
        String customerId = query.customerId().value();
        Freshness freshness = clock.freshnessOf(PROJECTIONS);
        Document profile = customers.find(eq("_id", customerId)).first();
        if (profile == null) {
            return Optional.empty();
        }
        return Optional.of(new CustomerRisk(
                customerId,
                number(profile, Customer.ORDERS),
                number(profile, Customer.REFUNDS),
                number(profile, Customer.DECLINES),
                number(profile, Customer.DISPUTES),
                profile.getList(Customer.CARDS, String.class, List.of()).size(),
                List.of(),
                false,
                0,
                freshness));
    }

    private static long number(Document document, String field) {
        Number value = document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }

    /** Where a seller stands against the dispute-ratio threshold (which applies from the minimum count on). */
    static String standing(double ratio, long disputes) {
        if (disputes >= DISPUTE_MINIMUM_COUNT && ratio >= DISPUTE_RATIO_THRESHOLD) {
            return "EXCESSIVE";
        }
        return ratio >= WARNING_SHARE * DISPUTE_RATIO_THRESHOLD ? "WARNING" : "OK";
    }
}
