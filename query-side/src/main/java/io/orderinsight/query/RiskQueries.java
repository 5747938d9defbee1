package io.orderinsight.query;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import io.orderinsight.domain.customer.FindCustomerRiskQuery;
import io.orderinsight.domain.order.FindSellerKpisQuery;
import io.orderinsight.projections.insight.CustomerProfile;
import io.orderinsight.projections.insight.InsightCollections;
import io.orderinsight.projections.insight.SellerMonth;
import io.orderinsight.projections.risk.AlertView;
import io.orderinsight.projections.risk.CustomerRestrictions;
import io.orderinsight.projections.risk.RiskCollections;
import io.orderinsight.projections.risk.RuleView;
import io.orderinsight.projections.support.ProjectionNames;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
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
    private final ReadModels readModels;

    private MongoCollection<Document> sellers() {
        return readModels.collection(ProjectionNames.INSIGHT, InsightCollections.SELLER_MONTHS);
    }

    private MongoCollection<Document> customers() {
        return readModels.collection(ProjectionNames.INSIGHT, InsightCollections.CUSTOMER_PROFILES);
    }

    private MongoCollection<Document> alerts() {
        return readModels.collection(ProjectionNames.VIEWS, RiskCollections.ALERTS);
    }

    private MongoCollection<Document> rules() {
        return readModels.collection(ProjectionNames.VIEWS, RiskCollections.RULES);
    }

    private MongoCollection<Document> restrictions() {
        return readModels.collection(ProjectionNames.VIEWS, RiskCollections.RESTRICTIONS);
    }

    /** After Mastercard's Excessive Chargeback Merchant programme and Visa's VAMP: 1.5% with at least 100. */
    static final double DISPUTE_RATIO_THRESHOLD = 0.015;

    static final int DISPUTE_MINIMUM_COUNT = 100;
    static final String DISPUTE_RATIO_RULE = "merchant-dispute-ratio";
    static final double WARNING_SHARE = 0.75;
    private static final List<String> PROJECTIONS = List.of(ProjectionNames.INSIGHT, ProjectionNames.VIEWS);

    private final ProjectionClock clock;
    private final Clock time;

    public RiskQueries(ReadModels readModels, ProjectionClock clock, Clock time) {
        this.readModels = readModels;
        this.clock = clock;
        this.time = time;
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
            String standing,
            List<BreachRadar.Programme> breachRadar) {}

    /**
     * A seller's KPIs per currency over all time, judged against the merchant-dispute-ratio rule's live thresholds,
     * and the alerts and warnings that rule raised on the seller's months.
     */
    public record SellerView(
            String sellerId,
            Map<String, SellerKpis> currencies,
            double disputeRatioThreshold,
            long disputeMinimumCount,
            double warningShare,
            long ruleVersion,
            List<AlertView> disputeRatioAlerts,
            Freshness freshness) {}

    /** The merchant-dispute-ratio rule's thresholds in force (the card networks' defaults until one is recorded). */
    record RatioThresholds(double ratio, long minimumCount, double warningShare, long version) {

        static final RatioThresholds DEFAULTS =
                new RatioThresholds(DISPUTE_RATIO_THRESHOLD, DISPUTE_MINIMUM_COUNT, WARNING_SHARE, 0);

        static RatioThresholds of(Document stored) {
            if (stored == null) {
                return DEFAULTS;
            }
            RuleView rule = RuleView.of(stored);
            return new RatioThresholds(
                    rule.decimal("ratio"), rule.whole("min-count"), rule.decimal("warn-share"), rule.version());
        }
    }

    public record CustomerRisk(
            String customerId,
            long orders,
            long refunds,
            long declines,
            long disputes,
            int distinctCards,
            List<String> refundHolds,
            List<String> orderBlocks,
            boolean refundsHeld,
            boolean blocked,
            long openAlerts,
            Freshness freshness) {}

    @QueryHandler
    public SellerView handle(FindSellerKpisQuery query) {
        String sellerId = query.sellerId().value();
        Freshness freshness = clock.freshnessOf(PROJECTIONS);
        Map<String, SellerMonth> sums = new TreeMap<>();
        // the current and the previous month, per currency, for the breach radar
        Instant now = time.instant();
        String thisMonth = InsightCollections.monthOf(now);
        String lastMonth = InsightCollections.monthOf(YearMonth.from(now.atZone(ZoneOffset.UTC))
                .minusMonths(1)
                .atDay(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant());
        Map<String, BreachRadar.Month> current = new HashMap<>();
        Map<String, BreachRadar.Month> previous = new HashMap<>();
        for (Document stored :
                sellers().find(eq(InsightCollections.SELLER_ID, sellerId)).batchSize(1_000)) {
            SellerMonth month = SellerMonth.of(stored);
            BreachRadar.Month figures =
                    new BreachRadar.Month(month.disputes(), month.fraud(), month.capturedPayments());
            if (thisMonth.equals(month.month())) {
                current.put(month.currency(), figures);
            } else if (lastMonth.equals(month.month())) {
                previous.put(month.currency(), figures);
            }
            sums.merge(month.currency(), month, SellerMonth::plus);
        }
        RatioThresholds thresholds =
                RatioThresholds.of(rules().find(eq("_id", DISPUTE_RATIO_RULE)).first());
        Map<String, SellerKpis> currencies = new LinkedHashMap<>();
        sums.forEach((currency, sum) -> {
            double ratio = sum.capturedPayments() == 0 ? 0 : (double) sum.disputes() / sum.capturedPayments();
            double fraudRatio = sum.capturedPayments() == 0 ? 0 : (double) sum.fraud() / sum.capturedPayments();
            currencies.put(
                    currency,
                    new SellerKpis(
                            sum.orders(),
                            sum.gmv(),
                            sum.captured(),
                            sum.refunded(),
                            sum.disputes(),
                            sum.capturedPayments(),
                            ratio,
                            fraudRatio,
                            standing(ratio, sum.disputes(), thresholds),
                            BreachRadar.of(
                                    current.getOrDefault(currency, BreachRadar.Month.NONE),
                                    previous.getOrDefault(currency, BreachRadar.Month.NONE),
                                    now)));
        });
        List<AlertView> ratioAlerts = new ArrayList<>();
        for (Document stored : alerts().find(eq(AlertView.SUBJECT_ID, sellerId))) {
            AlertView alert = AlertView.of(stored);
            if (DISPUTE_RATIO_RULE.equals(alert.ruleId())) {
                ratioAlerts.add(alert);
            }
        }
        return new SellerView(
                sellerId,
                currencies,
                thresholds.ratio(),
                thresholds.minimumCount(),
                thresholds.warningShare(),
                thresholds.version(),
                ratioAlerts,
                freshness);
    }

    @QueryHandler
    public Optional<CustomerRisk> handle(FindCustomerRiskQuery query) {
        String customerId = query.customerId().value();
        Freshness freshness = clock.freshnessOf(PROJECTIONS);
        Document stored = customers().find(eq("_id", customerId)).first();
        if (stored == null) {
            return Optional.empty();
        }
        CustomerProfile profile = CustomerProfile.of(stored);
        Document restricted = restrictions().find(eq("_id", customerId)).first();
        CustomerRestrictions restrictions =
                restricted == null ? CustomerRestrictions.NONE : CustomerRestrictions.of(restricted);
        long openAlerts = 0;
        for (Document alert : alerts().find(eq(AlertView.CUSTOMER_ID, customerId))) {
            if (AlertView.of(alert).open()) {
                openAlerts++;
            }
        }
        return Optional.of(new CustomerRisk(
                customerId,
                profile.orders(),
                profile.refunds(),
                profile.declines(),
                profile.disputes(),
                profile.cards().size(),
                restrictions.refundHolds(),
                restrictions.orderBlocks(),
                !restrictions.refundHolds().isEmpty(),
                !restrictions.orderBlocks().isEmpty(),
                openAlerts,
                freshness));
    }

    /** Where a seller stands against the dispute-ratio threshold (which applies from the minimum count on). */
    static String standing(double ratio, long disputes, RatioThresholds thresholds) {
        if (disputes >= thresholds.minimumCount() && ratio >= thresholds.ratio()) {
            return "EXCESSIVE";
        }
        return ratio >= thresholds.warningShare() * thresholds.ratio() ? "WARNING" : "OK";
    }
}
