package io.orderinsight.command.risk;

import java.time.Instant;

/** Which version of a rule was in force at a recorded time. */
@FunctionalInterface
public interface RuleSource {

    RuleVersion at(String ruleId, Instant recordedAt);
}
