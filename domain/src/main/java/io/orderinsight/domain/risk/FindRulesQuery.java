package io.orderinsight.domain.risk;

/** Every fraud rule: its live version and thresholds, and how often it fired and was confirmed or refuted. */
public record FindRulesQuery() {}
