package io.orderinsight.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.orderinsight.projections.order.OrderViewProjection;
import io.orderinsight.projections.support.ProjectionNames;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Insight over the order views: the overview, sales time series and the funnel. Counters are recomputed from the
 * order documents, in which every figure is kept per order (and per payment) and dated by the event that caused it;
 * a redelivered event cannot count twice because it cannot change its order's document twice.
 */
@RestController
@RequestMapping(path = "/api/v1/insights", produces = MediaType.APPLICATION_JSON_VALUE)
public class InsightQueryController {

    private static final List<String> PROJECTIONS = List.of(ProjectionNames.ORDER_VIEWS);
    private static final List<String> GROUPS = List.of("seller", "country", "category", "channel");

    private final MongoCollection<Document> orders;
    private final ProjectionClock clock;
    private final ReportingProperties reporting;

    public InsightQueryController(MongoDatabase readModels, ProjectionClock clock, ReportingProperties reporting) {
        this.orders = readModels.getCollection(OrderViewProjection.COLLECTION);
        this.clock = clock;
        this.reporting = reporting;
    }

    /** Figures derived from {@link SalesFigures}; rates are fractions (0.05 = 5%). */
    public record Overview(
            long orders,
            long gmv,
            long captured,
            long refunded,
            long netRevenue,
            long averageOrderValue,
            double declineRate,
            double refundRate,
            double cancellationRate,
            long openAlerts,
            long moneyAtRisk) {

        static Overview of(SalesFigures figures) {
            return new Overview(
                    figures.orders(),
                    figures.gmv(),
                    figures.captured(),
                    figures.refunded(),
                    figures.captured() - figures.refunded(),
                    figures.orders() == 0 ? 0 : figures.gmv() / figures.orders(),
                    ratio(figures.declines(), figures.paymentAttempts()),
                    ratio(figures.refunded(), figures.captured()),
                    ratio(figures.cancelled(), figures.orders()),
                    0,
                    0);
        }
    }

    /**
     * Per-currency figures in minor units of each currency; {@code combined} in minor units of the reporting currency
     * over the currencies that have a configured rate ({@code unconverted} lists the others).
     */
    public record OverviewResponse(
            Instant from,
            Instant to,
            String reportingCurrency,
            Map<String, Overview> currencies,
            Overview combined,
            List<String> unconverted,
            Freshness freshness) {}

    public record SalesBucket(Instant bucket, Map<String, String> group, String currency, SalesFigures figures) {}

    public record SalesResponse(
            Instant from,
            Instant to,
            String granularity,
            List<String> groupBy,
            List<SalesBucket> items,
            Freshness freshness) {}

    public record Funnel(
            long placed,
            long authorized,
            long captured,
            long shipped,
            long delivered,
            Map<String, Double> conversion,
            Freshness freshness) {}

    @GetMapping("/overview")
    public OverviewResponse overview(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String currency) {
        Window window = Window.of(from, to);
        String only = currencyCode(currency);
        Freshness freshness = clock.freshnessOf(PROJECTIONS);
        Map<String, SalesFigures> byCurrency = new TreeMap<>();
        eachOrder(facts -> {
            if (only == null || only.equals(facts.currency())) {
                byCurrency.merge(
                        facts.currency(), figuresOf(facts, window, facts.total(), facts.total()), SalesFigures::plus);
            }
        });
        byCurrency.values().removeIf(SalesFigures::none);
        Map<String, Overview> currencies = new LinkedHashMap<>();
        byCurrency.forEach((code, figures) -> currencies.put(code, Overview.of(figures)));
        SalesFigures combined = SalesFigures.ZERO;
        List<String> unconverted = new ArrayList<>();
        for (var entry : byCurrency.entrySet()) {
            BigDecimal rate = rateOf(entry.getKey());
            if (rate == null) {
                unconverted.add(entry.getKey());
            } else {
                combined = combined.plus(convert(entry.getValue(), entry.getKey(), rate));
            }
        }
        return new OverviewResponse(
                window.from(),
                window.to(),
                reporting.currency(),
                currencies,
                Overview.of(combined),
                unconverted,
                freshness);
    }

    @GetMapping("/sales")
    public SalesResponse sales(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "HOUR") String granularity,
            @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String currency) {
        Window window = Window.of(from, to);
        ChronoUnit unit = switch (granularity) {
            case "MINUTE" -> ChronoUnit.MINUTES;
            case "HOUR" -> ChronoUnit.HOURS;
            case "DAY" -> ChronoUnit.DAYS;
            default -> throw new InvalidQueryException("granularity", "must be one of MINUTE, HOUR, DAY");
        };
        List<String> groups = groupBy == null || groupBy.isBlank()
                ? List.of()
                : Arrays.stream(groupBy.split(",")).map(String::trim).toList();
        for (String group : groups) {
            if (!GROUPS.contains(group)) {
                throw new InvalidQueryException("groupBy", "must be a comma-separated subset of " + GROUPS);
            }
        }
        String only = currencyCode(currency);
        Freshness freshness = clock.freshnessOf(PROJECTIONS);
        Map<SalesKey, SalesFigures> series = new TreeMap<>();
        eachOrder(facts -> {
            if (only != null && !only.equals(facts.currency())) {
                return;
            }
            List<String> categories = groups.contains("category") ? facts.categories() : List.of("");
            for (String category : categories) {
                long share = groups.contains("category") ? facts.valueIn(category) : facts.total();
                Map<String, String> group = groupOf(facts, groups, category);
                java.util.Set<Instant> buckets = new java.util.TreeSet<>();
                facts.timesIn(window).forEach(at -> buckets.add(at.truncatedTo(unit)));
                for (Instant bucket : buckets) {
                    SalesFigures figures =
                            figuresOf(facts, Window.bucket(bucket, unit).intersect(window), share, facts.total());
                    series.merge(
                            new SalesKey(bucket, group.toString(), facts.currency(), group),
                            figures,
                            SalesFigures::plus);
                }
            }
        });
        List<SalesBucket> items = new ArrayList<>();
        series.forEach((key, figures) -> {
            if (!figures.none()) {
                items.add(new SalesBucket(key.bucket(), key.group(), key.currency(), figures));
            }
        });
        return new SalesResponse(window.from(), window.to(), granularity, groups, items, freshness);
    }

    @GetMapping("/funnel")
    public Funnel funnel(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Window window = Window.of(from, to);
        Freshness freshness = clock.freshnessOf(PROJECTIONS);
        long[] counts = new long[5];
        eachOrder(facts -> {
            if (!window.contains(facts.placedAt())) {
                return;
            }
            counts[0]++;
            if (facts.authorized()) {
                counts[1]++;
            }
            if (facts.capturedTotal() > 0) {
                counts[2]++;
            }
            if (facts.shippedAt() != null) {
                counts[3]++;
            }
            if (facts.deliveredAt() != null) {
                counts[4]++;
            }
        });
        Map<String, Double> conversion = new LinkedHashMap<>();
        conversion.put("authorized", ratio(counts[1], counts[0]));
        conversion.put("captured", ratio(counts[2], counts[1]));
        conversion.put("shipped", ratio(counts[3], counts[2]));
        conversion.put("delivered", ratio(counts[4], counts[3]));
        conversion.put("overall", ratio(counts[4], counts[0]));
        return new Funnel(counts[0], counts[1], counts[2], counts[3], counts[4], conversion, freshness);
    }

    /** One order's figures within a window; with a category, its value-weighted share of the order's money. */
    private static SalesFigures figuresOf(OrderFacts facts, Window window, long share, long total) {
        long placed = window.contains(facts.placedAt()) ? 1 : 0;
        long captured = facts.captures().stream()
                .filter(capture -> window.contains(capture.at()))
                .mapToLong(OrderFacts.Dated::amount)
                .sum();
        long refunded = facts.refunds().stream()
                .filter(refund -> window.contains(refund.at()))
                .mapToLong(OrderFacts.Dated::amount)
                .sum();
        long cancelled = window.contains(facts.cancelledAt()) ? 1 : 0;
        long declines = facts.declines().stream().filter(window::contains).count();
        long attempts = facts.attempts().stream().filter(window::contains).count();
        return new SalesFigures(
                placed,
                placed * share,
                weighted(captured, share, total),
                weighted(refunded, share, total),
                cancelled,
                declines,
                attempts);
    }

    private static long weighted(long amount, long share, long total) {
        return share == total || total == 0
                ? amount
                : BigDecimal.valueOf(amount)
                        .multiply(BigDecimal.valueOf(share))
                        .divide(BigDecimal.valueOf(total), 0, RoundingMode.HALF_EVEN)
                        .longValueExact();
    }

    private static Map<String, String> groupOf(OrderFacts facts, List<String> groups, String category) {
        Map<String, String> group = new TreeMap<>();
        for (String name : groups) {
            group.put(
                    name,
                    switch (name) {
                        case "seller" -> facts.sellerId();
                        case "country" -> facts.country();
                        case "category" -> category;
                        default -> facts.channel();
                    });
        }
        return group;
    }

    private void eachOrder(Consumer<OrderFacts> each) {
        for (Document order : orders.find()) {
            each.accept(OrderFacts.of(order));
        }
    }

    private SalesFigures convert(SalesFigures figures, String code, BigDecimal rate) {
        return new SalesFigures(
                figures.orders(),
                convert(figures.gmv(), code, rate),
                convert(figures.captured(), code, rate),
                convert(figures.refunded(), code, rate),
                figures.cancelled(),
                figures.declines(),
                figures.paymentAttempts());
    }

    private long convert(long minor, String code, BigDecimal rate) {
        int from = Currency.getInstance(code).getDefaultFractionDigits();
        int to = Currency.getInstance(reporting.currency()).getDefaultFractionDigits();
        return BigDecimal.valueOf(minor)
                .movePointLeft(from)
                .multiply(rate)
                .movePointRight(to)
                .setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }

    private BigDecimal rateOf(String code) {
        return code.equals(reporting.currency())
                ? BigDecimal.ONE
                : reporting.rates().get(code);
    }

    private static String currencyCode(String currency) {
        if (currency == null) {
            return null;
        }
        try {
            return Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("currency", "must be an ISO-4217 code");
        }
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private record SalesKey(Instant bucket, String groupKey, String currency, Map<String, String> group)
            implements Comparable<SalesKey> {

        private static final Comparator<SalesKey> ORDER = Comparator.comparing(SalesKey::bucket)
                .thenComparing(SalesKey::groupKey)
                .thenComparing(SalesKey::currency);

        @Override
        public int compareTo(SalesKey other) {
            return ORDER.compare(this, other);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SalesKey key && compareTo(key) == 0;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(bucket, groupKey, currency);
        }
    }

    /** A half-open time window [from, to); a missing bound is unbounded. */
    record Window(Instant from, Instant to) {

        static Window of(String from, String to) {
            Window window = new Window(instant("from", from), instant("to", to));
            if (window.from() != null && window.to() != null && window.from().isAfter(window.to())) {
                throw new InvalidQueryException("from", "must not be after to");
            }
            return window;
        }

        static Window bucket(Instant start, ChronoUnit unit) {
            return new Window(start, start.plus(1, unit));
        }

        Window intersect(Window other) {
            Instant start = other.from == null || (from != null && from.isAfter(other.from)) ? from : other.from;
            Instant end = other.to == null || (to != null && to.isBefore(other.to)) ? to : other.to;
            return new Window(start, end);
        }

        boolean contains(Instant at) {
            return at != null && (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
        }

        private static Instant instant(String field, String value) {
            if (value == null) {
                return null;
            }
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new InvalidQueryException(field, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
            }
        }
    }
}
