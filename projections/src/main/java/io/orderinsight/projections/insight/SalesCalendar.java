package io.orderinsight.projections.insight;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The calendar document of {@code sales_totals} ({@code _id} {@link InsightCollections#CALENDAR}): the currencies
 * counted and, per currency, the hours of the earliest and latest event time counted, from which a query works out
 * the ids of the period documents a window needs. Kept by the counters' exact changes (a currency added once, the
 * bounds widened); its field names live here alone, for them and the queries.
 */
public record SalesCalendar(List<String> currencies, Map<String, Instant> first, Map<String, Instant> last) {

    static final String CURRENCIES = "currencies";
    private static final String FIRST = "first";
    private static final String LAST = "last";

    /** The field of the earliest hour counted in {@code currency}. */
    static String firstOf(String currency) {
        return FIRST + "." + currency;
    }

    /** The field of the latest hour counted in {@code currency}. */
    static String lastOf(String currency) {
        return LAST + "." + currency;
    }

    public static SalesCalendar of(Document calendar) {
        return new SalesCalendar(
                calendar.getList(CURRENCIES, String.class, List.of()),
                instants(calendar.get(FIRST, Document.class)),
                instants(calendar.get(LAST, Document.class)));
    }

    private static Map<String, Instant> instants(Document byCurrency) {
        Map<String, Instant> instants = new LinkedHashMap<>();
        if (byCurrency != null) {
            byCurrency.forEach((currency, value) -> instants.put(currency, ((Date) value).toInstant()));
        }
        return instants;
    }
}
