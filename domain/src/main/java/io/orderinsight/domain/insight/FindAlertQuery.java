package io.orderinsight.domain.insight;

/** One risk alert. */
public record FindAlertQuery(String alertId) {}
