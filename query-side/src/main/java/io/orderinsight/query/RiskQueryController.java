package io.orderinsight.query;

import io.orderinsight.domain.customer.FindCustomerRiskQuery;
import io.orderinsight.domain.insight.FindAlertQuery;
import io.orderinsight.domain.insight.FindAlertsQuery;
import io.orderinsight.domain.insight.FindLossesQuery;
import io.orderinsight.domain.order.FindSellerKpisQuery;
import io.orderinsight.domain.risk.FindRulesQuery;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.SellerId;
import io.orderinsight.projections.risk.AlertView;
import io.orderinsight.query.AlertQueries.AlertPage;
import io.orderinsight.query.AlertQueries.LossLedger;
import io.orderinsight.query.AlertQueries.RuleList;
import io.orderinsight.query.RiskQueries.CustomerRisk;
import io.orderinsight.query.RiskQueries.SellerView;
import java.util.Arrays;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Risk over HTTP — seller KPIs, customer risk, alerts, the rules' standing and the loss ledger: parameters checked here (400 naming the
 * field), answers from the query handlers.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class RiskQueryController {

    private final QueryGateway queries;
    private final QueryWindows windows;

    public RiskQueryController(QueryGateway queries, QueryWindows windows) {
        this.queries = queries;
        this.windows = windows;
    }

    @GetMapping("/insights/sellers/{sellerId}")
    public SellerView seller(@PathVariable String sellerId) {
        SellerId seller = Parameters.id("sellerId", () -> SellerId.of(sellerId));
        return queries.query(new FindSellerKpisQuery(seller), ResponseTypes.instanceOf(SellerView.class))
                .join();
    }

    @GetMapping("/customers/{customerId}/risk")
    public CustomerRisk customer(@PathVariable String customerId) {
        ViewNotFoundException notFound =
                new ViewNotFoundException("CUSTOMER_NOT_FOUND", "customer " + customerId + " has no orders");
        return Parameters.one(
                queries,
                new FindCustomerRiskQuery(Parameters.idOr(notFound, () -> CustomerId.of(customerId))),
                CustomerRisk.class,
                notFound);
    }

    @GetMapping("/risk/rules")
    public RuleList rules() {
        return queries.query(new FindRulesQuery(), ResponseTypes.instanceOf(RuleList.class))
                .join();
    }

    @GetMapping("/alerts")
    public AlertPage alerts(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) int size) {
        Page.check(page, size);
        Window window = windows.of(from, to);
        if (status != null && !AlertQueries.STATUSES.contains(status)) {
            throw new InvalidQueryException("status", "must be one of " + AlertQueries.STATUSES);
        }
        return queries.query(
                        new FindAlertsQuery(status, rule, window.from(), window.to(), page, size),
                        ResponseTypes.instanceOf(AlertPage.class))
                .join();
    }

    @GetMapping("/alerts/{alertId}")
    public AlertView alert(@PathVariable String alertId) {
        return Parameters.one(
                queries,
                new FindAlertQuery(alertId),
                AlertView.class,
                new ViewNotFoundException("ALERT_NOT_FOUND", "alert " + alertId + " not found"));
    }

    @GetMapping("/insights/losses")
    public LossLedger losses(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "cause") String groupBy) {
        Window window = windows.of(from, to);
        List<String> groups =
                Arrays.stream(groupBy.split(",")).map(String::trim).toList();
        for (String group : groups) {
            if (!AlertQueries.LOSS_GROUPS.contains(group)) {
                throw new InvalidQueryException(
                        "groupBy", "must be a comma-separated subset of " + AlertQueries.LOSS_GROUPS);
            }
        }
        return queries.query(
                        new FindLossesQuery(window.from(), window.to(), groups),
                        ResponseTypes.instanceOf(LossLedger.class))
                .join();
    }
}
