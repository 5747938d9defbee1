package io.orderinsight.domain.insight;

import java.time.Instant;

/** A page of risk alerts, newest first; every filter is optional (null), {@code page} counted from 0. */
public record FindAlertsQuery(String status, String ruleId, Instant from, Instant to, int page, int size) {}
