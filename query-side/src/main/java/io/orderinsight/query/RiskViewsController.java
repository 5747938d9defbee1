package io.orderinsight.query;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.orderinsight.projections.risk.RiskCollections;
import io.orderinsight.projections.risk.RiskCollections.Alert;
import io.orderinsight.projections.risk.RiskCollections.Loss;
import io.orderinsight.projections.support.ProjectionNames;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alerts and the loss ledger, read from their collections. The fraud rules that fill them come with the fraud and
 * loss detection work; until then the lists are empty and every alert id is unknown.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class RiskViewsController {

    private static final List<String> STATUSES = List.of("OPEN", "CONFIRMED_FRAUD", "FALSE_POSITIVE");
    private static final List<String> LOSS_GROUPS = List.of("cause", "seller", "day");

    private final MongoCollection<Document> alerts;
    private final MongoCollection<Document> losses;
    private final ProjectionClock clock;

    public RiskViewsController(MongoDatabase readModels, ProjectionClock clock) {
        this.alerts = readModels.getCollection(RiskCollections.ALERTS);
        this.losses = readModels.getCollection(RiskCollections.LOSS_LEDGER);
        this.clock = clock;
    }

    public record LossLine(Map<String, String> group, String currency, long atRisk, long realized) {}

    public record LossLedger(List<String> groupBy, List<LossLine> items, Freshness freshness) {}

    @GetMapping("/alerts")
    public Page<Document> alerts(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) int size) {
        Page.check(page, size);
        InsightQueryController.Window window = InsightQueryController.Window.of(from, to);
        List<Bson> filters = new ArrayList<>();
        if (status != null) {
            if (!STATUSES.contains(status)) {
                throw new InvalidQueryException("status", "must be one of " + STATUSES);
            }
            filters.add(eq(Alert.STATUS, status));
        }
        if (rule != null) {
            filters.add(eq(Alert.RULE_ID, rule));
        }
        if (window.from() != null) {
            filters.add(Filters.gte(Alert.RAISED_AT, Date.from(window.from())));
        }
        if (window.to() != null) {
            filters.add(Filters.lt(Alert.RAISED_AT, Date.from(window.to())));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        Freshness freshness = clock.freshnessOf(List.of(ProjectionNames.ORDER_VIEWS));
        List<Document> items = alerts.find(filter)
                .sort(Sorts.descending(Alert.RAISED_AT))
                .skip(page * size)
                .limit(size)
                .into(new ArrayList<>());
        return new Page<>(items, page, size, alerts.countDocuments(filter), freshness);
    }

    @GetMapping("/alerts/{alertId}")
    public Document alert(@PathVariable String alertId) {
        Document alert = alerts.find(eq("_id", alertId)).first();
        if (alert == null) {
            throw new ViewNotFoundException("ALERT_NOT_FOUND", "alert " + alertId + " not found");
        }
        return alert;
    }

    @GetMapping("/insights/losses")
    public LossLedger losses(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "cause") String groupBy) {
        InsightQueryController.Window window = InsightQueryController.Window.of(from, to);
        List<String> groups =
                Arrays.stream(groupBy.split(",")).map(String::trim).toList();
        for (String group : groups) {
            if (!LOSS_GROUPS.contains(group)) {
                throw new InvalidQueryException("groupBy", "must be a comma-separated subset of " + LOSS_GROUPS);
            }
        }
        Freshness freshness = clock.freshnessOf(List.of(ProjectionNames.ORDER_VIEWS));
        Map<String, LossLine> lines = new TreeMap<>();
        for (Document loss : losses.find().batchSize(1_000)) {
            Instant at = loss.getDate(Loss.OCCURRED_AT).toInstant();
            if (!window.contains(at)) {
                continue;
            }
            Map<String, String> group = new TreeMap<>();
            for (String name : groups) {
                group.put(
                        name,
                        switch (name) {
                            case "cause" -> loss.getString(Loss.CAUSE);
                            case "seller" -> loss.getString(Loss.SELLER_ID);
                            default -> at.truncatedTo(ChronoUnit.DAYS).toString();
                        });
            }
            String currency = loss.getString(Loss.CURRENCY);
            lines.merge(
                    group + currency,
                    new LossLine(group, currency, loss.getLong(Loss.AT_RISK), loss.getLong(Loss.REALIZED)),
                    (a, b) -> new LossLine(
                            a.group(), a.currency(), a.atRisk() + b.atRisk(), a.realized() + b.realized()));
        }
        return new LossLedger(groups, new ArrayList<>(lines.values()), freshness);
    }
}
