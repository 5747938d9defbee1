package io.orderinsight.query;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.orderinsight.domain.insight.FindAlertQuery;
import io.orderinsight.domain.insight.FindAlertsQuery;
import io.orderinsight.domain.insight.FindLossesQuery;
import io.orderinsight.domain.risk.AlertStatus;
import io.orderinsight.domain.risk.FindRulesQuery;
import io.orderinsight.projections.insight.LossEntry;
import io.orderinsight.projections.risk.AlertView;
import io.orderinsight.projections.risk.RiskCollections;
import io.orderinsight.projections.risk.RuleView;
import io.orderinsight.projections.support.ProjectionNames;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Query handlers of alerts, the loss ledger and the rules' standing (version, thresholds, how often each fired and
 * was confirmed or refuted), read from the risk views and the insight projection's ledger.
 */
@Component
public class AlertQueries {
    private final ReadModels readModels;

    private MongoCollection<Document> alerts() {
        return readModels.collection(ProjectionNames.VIEWS, RiskCollections.ALERTS);
    }

    private MongoCollection<Document> losses() {
        return readModels.collection(ProjectionNames.INSIGHT, RiskCollections.LOSS_LEDGER);
    }

    private MongoCollection<Document> rules() {
        return readModels.collection(ProjectionNames.VIEWS, RiskCollections.RULES);
    }

    static final List<String> STATUSES = List.of("OPEN", "CONFIRMED_FRAUD", "FALSE_POSITIVE");
    static final List<String> LOSS_GROUPS = List.of("cause", "seller", "day");

    private final ProjectionClock clock;

    public AlertQueries(ReadModels readModels, ProjectionClock clock) {
        this.readModels = readModels;
        this.clock = clock;
    }

    /** A page of alerts (see {@link Page}); a type of its own, as query response types are matched by class. */
    public record AlertPage(List<AlertView> items, int page, int size, long total, Freshness freshness) {}

    public record LossLine(Map<String, String> group, String currency, long atRisk, long realized) {}

    public record LossLedger(List<String> groupBy, List<LossLine> items, Freshness freshness) {}

    /**
     * A rule's live version and its record: alerts raised (all versions), still open, confirmed as fraud, found false;
     * {@code precision} = confirmed ÷ (confirmed + false positives), null until an analyst resolved one.
     */
    public record RuleStanding(
            String ruleId,
            long version,
            Map<String, String> thresholds,
            boolean enabled,
            String source,
            Instant recordedAt,
            long fired,
            long open,
            long confirmed,
            long falsePositives,
            Double precision) {}

    public record RuleList(List<RuleStanding> items, Freshness freshness) {}

    @QueryHandler
    public RuleList handle(FindRulesQuery query) {
        Freshness freshness = clock.freshnessOf(List.of(ProjectionNames.VIEWS));
        Map<String, long[]> counts = new TreeMap<>();
        for (Document alert : alerts().find()
                .projection(new Document(AlertView.RULE_ID, 1).append(AlertView.STATUS, 1))
                .batchSize(1_000)) {
            long[] count = counts.computeIfAbsent(alert.getString(AlertView.RULE_ID), id -> new long[4]);
            count[0]++;
            switch (AlertStatus.valueOf(alert.getString(AlertView.STATUS))) {
                case OPEN -> count[1]++;
                case CONFIRMED_FRAUD -> count[2]++;
                case FALSE_POSITIVE -> count[3]++;
            }
        }
        List<RuleStanding> items = new ArrayList<>();
        for (Document stored : rules().find().sort(Sorts.ascending("_id"))) {
            RuleView rule = RuleView.of(stored);
            long[] count = counts.getOrDefault(rule.ruleId(), new long[4]);
            long judged = count[2] + count[3];
            items.add(new RuleStanding(
                    rule.ruleId(),
                    rule.version(),
                    rule.thresholds(),
                    rule.enabled(),
                    rule.source(),
                    rule.recordedAt(),
                    count[0],
                    count[1],
                    count[2],
                    count[3],
                    judged == 0 ? null : (double) count[2] / judged));
        }
        return new RuleList(items, freshness);
    }

    @QueryHandler
    public AlertPage handle(FindAlertsQuery query) {
        int page = query.page();
        int size = query.size();
        Window window = new Window(query.from(), query.to());
        List<Bson> filters = new ArrayList<>();
        if (query.status() != null) {
            filters.add(eq(AlertView.STATUS, query.status()));
        }
        if (query.ruleId() != null) {
            filters.add(eq(AlertView.RULE_ID, query.ruleId()));
        }
        if (window.from() != null) {
            filters.add(Filters.gte(AlertView.RAISED_AT, Date.from(window.from())));
        }
        if (window.to() != null) {
            filters.add(Filters.lt(AlertView.RAISED_AT, Date.from(window.to())));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        Freshness freshness = clock.freshnessOf(List.of(ProjectionNames.VIEWS));
        List<AlertView> items = new ArrayList<>();
        alerts().find(filter)
                .sort(Sorts.descending(AlertView.RAISED_AT))
                .skip(page * size)
                .limit(size)
                .forEach(alert -> items.add(AlertView.of(alert)));
        return new AlertPage(items, page, size, alerts().countDocuments(filter), freshness);
    }

    @QueryHandler
    public Optional<AlertView> handle(FindAlertQuery query) {
        return Optional.ofNullable(alerts().find(eq("_id", query.alertId())).first())
                .map(AlertView::of);
    }

    @QueryHandler
    public LossLedger handle(FindLossesQuery query) {
        Window window = new Window(query.from(), query.to());
        List<String> groups = query.groupBy();
        Freshness freshness = clock.freshnessOf(List.of(ProjectionNames.INSIGHT));
        Map<String, LossLine> lines = new TreeMap<>();
        for (Document stored : losses().find().batchSize(1_000)) {
            LossEntry loss = LossEntry.of(stored);
            Instant at = loss.occurredAt();
            if (!window.contains(at)) {
                continue;
            }
            Map<String, String> group = new TreeMap<>();
            for (String name : groups) {
                group.put(
                        name,
                        switch (name) {
                            case "cause" -> loss.cause();
                            case "seller" -> loss.sellerId();
                            default -> at.truncatedTo(ChronoUnit.DAYS).toString();
                        });
            }
            lines.merge(
                    group + loss.currency(),
                    new LossLine(group, loss.currency(), loss.atRisk(), loss.realized()),
                    (a, b) -> new LossLine(
                            a.group(), a.currency(), a.atRisk() + b.atRisk(), a.realized() + b.realized()));
        }
        return new LossLedger(groups, new ArrayList<>(lines.values()), freshness);
    }
}
