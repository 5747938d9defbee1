package io.orderinsight.projections.insight;

import java.util.List;
import org.bson.Document;

/**
 * A document of {@code customer_profiles}: one customer's orders, refunds, declines and disputes, and the distinct
 * card fingerprints used. Kept by {@link CustomerProfiles} with exact increments and additions to the set of cards,
 * of the fields named here; read as this record by the queries.
 */
public record CustomerProfile(long orders, long refunds, long declines, long disputes, List<String> cards) {

    public static final String ORDERS = "orders";
    public static final String REFUNDS = "refunds";
    public static final String DECLINES = "declines";
    public static final String DISPUTES = "disputes";
    public static final String CARDS = "cards";

    public static CustomerProfile of(Document profile) {
        return new CustomerProfile(
                count(profile, ORDERS),
                count(profile, REFUNDS),
                count(profile, DECLINES),
                count(profile, DISPUTES),
                profile.getList(CARDS, String.class, List.of()));
    }

    private static long count(Document document, String field) {
        Number value = document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
