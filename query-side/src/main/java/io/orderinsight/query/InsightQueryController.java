package io.orderinsight.query;

import io.orderinsight.domain.insight.FindFunnelQuery;
import io.orderinsight.domain.insight.FindOverviewQuery;
import io.orderinsight.domain.insight.FindSalesQuery;
import io.orderinsight.query.InsightQueries.Funnel;
import io.orderinsight.query.InsightQueries.OverviewResponse;
import io.orderinsight.query.InsightQueries.SalesResponse;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Insight over HTTP: parameters checked here (400 naming the field), answers from the query handlers. */
@RestController
@RequestMapping(path = "/api/v1/insights", produces = MediaType.APPLICATION_JSON_VALUE)
public class InsightQueryController {

    private final QueryGateway queries;
    private final QueryWindows windows;

    public InsightQueryController(QueryGateway queries, QueryWindows windows) {
        this.queries = queries;
        this.windows = windows;
    }

    @GetMapping("/overview")
    public OverviewResponse overview(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String currency) {
        Window window = windows.of(from, to);
        return queries.query(
                        new FindOverviewQuery(window.from(), window.to(), currencyCode(currency)),
                        ResponseTypes.instanceOf(OverviewResponse.class))
                .join();
    }

    @GetMapping("/sales")
    public SalesResponse sales(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "HOUR") String granularity,
            @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String currency) {
        Window window = windows.of(from, to);
        if (!InsightQueries.GRANULARITIES.contains(granularity)) {
            throw new InvalidQueryException("granularity", "must be one of " + InsightQueries.GRANULARITIES);
        }
        List<String> groups = groupBy == null || groupBy.isBlank()
                ? List.of()
                : Arrays.stream(groupBy.split(",")).map(String::trim).toList();
        for (String group : groups) {
            if (!InsightQueries.GROUPS.contains(group)) {
                throw new InvalidQueryException(
                        "groupBy", "must be a comma-separated subset of " + InsightQueries.GROUPS);
            }
        }
        return queries.query(
                        new FindSalesQuery(window.from(), window.to(), granularity, groups, currencyCode(currency)),
                        ResponseTypes.instanceOf(SalesResponse.class))
                .join();
    }

    @GetMapping("/funnel")
    public Funnel funnel(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String currency) {
        Window window = windows.of(from, to);
        return queries.query(
                        new FindFunnelQuery(window.from(), window.to(), currencyCode(currency)),
                        ResponseTypes.instanceOf(Funnel.class))
                .join();
    }

    public static String currencyCode(String currency) {
        if (currency == null) {
            return null;
        }
        try {
            return Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("currency", "must be an ISO-4217 code");
        }
    }
}
