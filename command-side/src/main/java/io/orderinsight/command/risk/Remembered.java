package io.orderinsight.command.risk;

import io.orderinsight.command.risk.Facts.CardFacts;
import io.orderinsight.command.risk.Facts.CustomerFacts;
import io.orderinsight.command.risk.Facts.OrderFacts;
import io.orderinsight.command.risk.Facts.SellerMonthFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts one event is judged against, as they are after it; each is null where the event has none. Made by
 * {@link FactKeeper}; the rules read it, and {@link RiskEngine} records in it what they raised and then stores every
 * record the event touched.
 */
public final class Remembered {

    private final ReportingRates rates;
    private final Map<String, Object> touched = new LinkedHashMap<>();
    private final List<Finding> found = new ArrayList<>();
    private OrderFacts order;
    private String customerId;
    private CustomerFacts customer;
    private String card;
    private CardFacts cardFacts;
    private String sellerId;
    private String month;
    private SellerMonthFacts sellerMonth;
    private SellerMonthFacts previousMonth;

    Remembered(ReportingRates rates) {
        this.rates = rates;
    }

    /** The event's order as remembered. */
    public OrderFacts order() {
        return order;
    }

    /** The customer the event concerns: its order's, or the one a refund request names. */
    public String customerId() {
        return customerId;
    }

    public CustomerFacts customer() {
        return customer;
    }

    /** The fingerprint of a declined card. */
    public String card() {
        return card;
    }

    public CardFacts cardFacts() {
        return cardFacts;
    }

    public String sellerId() {
        return sellerId;
    }

    /** The seller's month the event falls in ({@code yyyy-MM}). */
    public String month() {
        return month;
    }

    public SellerMonthFacts sellerMonth() {
        return sellerMonth;
    }

    /** The seller's month before {@link #month}, or null when nothing is remembered of it. */
    public SellerMonthFacts previousMonth() {
        return previousMonth;
    }

    /** The reporting currency and rates amounts are compared in. */
    public ReportingRates rates() {
        return rates;
    }

    /** Whether a rule judged before on this event found something. */
    public boolean found(String ruleId) {
        return found.stream().anyMatch(finding -> finding.ruleId().equals(ruleId));
    }

    Remembered order(String key, OrderFacts facts) {
        this.order = facts;
        touched.put(key, facts);
        return this;
    }

    /** The order, read but not changed by the event. */
    Remembered orderAsIs(OrderFacts facts) {
        this.order = facts;
        return this;
    }

    Remembered customer(String key, String id, CustomerFacts facts) {
        this.customerId = id;
        this.customer = facts;
        touched.put(key, facts);
        return this;
    }

    Remembered card(String key, String fingerprint, CardFacts facts) {
        this.card = fingerprint;
        this.cardFacts = facts;
        touched.put(key, facts);
        return this;
    }

    Remembered seller(String id, String month, SellerMonthFacts previous) {
        this.sellerId = id;
        this.month = month;
        this.previousMonth = previous;
        return this;
    }

    Remembered sellerMonth(String key, SellerMonthFacts facts) {
        this.sellerMonth = facts;
        touched.put(key, facts);
        return this;
    }

    void raised(Finding finding) {
        found.add(finding);
    }

    List<Finding> findings() {
        return found;
    }

    /** Stores every record the event touched (a changed record must be put again to be kept). */
    void store(FactStore facts) {
        touched.forEach(facts::put);
    }
}
