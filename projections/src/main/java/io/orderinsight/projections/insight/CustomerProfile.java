package io.orderinsight.projections.insight;

import io.orderinsight.projections.support.Counts;
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
                Counts.of(profile, ORDERS),
                Counts.of(profile, REFUNDS),
                Counts.of(profile, DECLINES),
                Counts.of(profile, DISPUTES),
                profile.getList(CARDS, String.class, List.of()));
    }
}
