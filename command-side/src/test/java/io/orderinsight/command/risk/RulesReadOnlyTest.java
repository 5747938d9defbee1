package io.orderinsight.command.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rules read the facts and never change them: a scenario in which every event rule fires, each event brought into the
 * facts by the {@link FactKeeper} and then judged by every rule it triggers, the facts compared before and after each
 * judgement. (The engine's own bookkeeping of what was alerted is left out here, so rules fire again where they would
 * not: that does not matter to what is compared.)
 */
class RulesReadOnlyTest extends RuleHarness {

    private static final Map<String, RuleVersion> VERSIONS = new RiskProperties(
                    Map.of(RuleCatalog.MERCHANT_DISPUTE_RATIO, Map.of("min-count", "1", "ratio", "0.1")))
            .configuredVersions();

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final FactKeeper keeper = new FactKeeper((ruleId, at) -> VERSIONS.get(ruleId), RATES);
    private final List<String> fired = new ArrayList<>();

    @Test
    void everyRuleJudgesWithoutChangingItsInputs() {
        place("o-1", "c-1", "s-1", 90_000, "USD", "DE");
        authorize("p-1", "o-1", 90_000, "USD", "fp-1", "US", "FR");
        capture("p-1", "o-1", 90_000);
        authorize("p-2", "o-1", 90_000, "USD", "fp-2", "DE", "DE");
        capture("p-2", "o-1", 100);
        place("o-2", "c-2", "s-1", 1_000, "USD", "DE");
        authorize("p-3", "o-2", 1_000, "USD", "fp-3", "DE", "DE");
        capture("p-3", "o-2", 500);
        ship("o-2");
        settleRefund("r-1", "p-3", "o-2", 400);
        for (int i = 1; i <= 3; i++) {
            requestRefund("r-" + (i + 1), "o-2", "c-2");
            later(Duration.ofMinutes(1));
        }
        dispute("p-3", "o-2", "d-1", 500);
        for (int i = 1; i <= 5; i++) {
            place("o-d" + i, "c-d" + i, "s-2", 1_000, "USD", "DE");
            decline("p-d" + i, "o-d" + i, "fp-tested");
        }
        assertThat(fired)
                .as("every event rule fired at least once")
                .containsAll(
                        RuleCatalog.eventRules().stream().map(EventRule::id).toList());
    }

    @Override
    List<Finding> run(Trigger trigger) {
        Remembered remembered = keeper.on(trigger, facts).orElse(null);
        if (remembered == null) {
            return List.of();
        }
        for (EventRule rule : RuleCatalog.eventRules()) {
            if (!rule.triggers().contains(trigger.payload().getClass())) {
                continue;
            }
            String before = snapshot(remembered);
            rule.judge(remembered, trigger, VERSIONS.get(rule.id())).ifPresent(finding -> fired.add(finding.ruleId()));
            assertThat(snapshot(remembered))
                    .as(rule.id() + " on " + trigger.payload())
                    .isEqualTo(before);
        }
        remembered.store(facts);
        return List.of();
    }

    private String snapshot(Remembered facts) {
        try {
            return json.writeValueAsString(Arrays.asList(
                    facts.order(), facts.customer(), facts.cardFacts(), facts.sellerMonth(), facts.previousMonth()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
