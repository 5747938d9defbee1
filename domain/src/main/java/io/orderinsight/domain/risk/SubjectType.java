package io.orderinsight.domain.risk;

/**
 * What an alert is about: a case, a customer or card, a seller; or, for the anomaly rules, a sales channel, a
 * shipping country, or the whole market of a currency ({@code MARKET}, subject id the currency's code).
 */
public enum SubjectType {
    ORDER,
    PAYMENT,
    CUSTOMER,
    CARD,
    SELLER,
    CHANNEL,
    COUNTRY,
    MARKET
}
