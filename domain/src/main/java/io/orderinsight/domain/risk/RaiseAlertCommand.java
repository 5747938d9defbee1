package io.orderinsight.domain.risk;

/** Raises the alert a rule's finding calls for; raising an alert id that exists already changes nothing. */
public record RaiseAlertCommand(RiskAlertRaisedEvent alert) {}
