package io.orderinsight.command.risk;

import io.orderinsight.command.risk.Facts.OrderFacts;
import io.orderinsight.domain.risk.SubjectType;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Runs the event-driven rules over one event: {@link FactKeeper} brings the remembered facts up to date, then each
 * enabled rule the event triggers ({@link RuleCatalog#eventRules()}, in catalog order), in the version in force when
 * the event was recorded, judges them; what a rule raises is recorded here, so that it fires once per occasion. Live
 * detection and backtests both run every event through this, in stream order; {@code only} limits a backtest to the
 * rule it tests.
 */
public class RiskEngine {

    private final RuleSource rules;
    private final FactKeeper keeper;
    private final Predicate<String> only;

    public RiskEngine(RuleSource rules, ReportingRates rates) {
        this(rules, rates, ruleId -> true);
    }

    public RiskEngine(RuleSource rules, ReportingRates rates, Predicate<String> only) {
        this.rules = rules;
        this.keeper = new FactKeeper(rules, rates);
        this.only = only;
    }

    /** The findings {@code trigger} causes, after recording what it changes in {@code facts}. */
    public List<Finding> evaluate(Trigger trigger, FactStore facts) {
        Optional<Remembered> remembered = keeper.on(trigger, facts);
        if (remembered.isEmpty()) {
            return List.of();
        }
        Remembered after = remembered.get();
        for (EventRule rule : RuleCatalog.eventRules()) {
            if (!rule.triggers().contains(trigger.payload().getClass()) || !only.test(rule.id())) {
                continue;
            }
            RuleVersion version = rules.at(rule.id(), trigger.recordedAt());
            if (version.enabled()) {
                rule.judge(after, trigger, version).ifPresent(finding -> raised(finding, after, trigger));
            }
        }
        after.store(facts);
        return List.copyOf(after.findings());
    }

    /** Remembers that the finding's occasion was alerted for, where its subject keeps that. */
    private static void raised(Finding finding, Remembered facts, Trigger trigger) {
        facts.raised(finding);
        SubjectType subject = finding.subjectType();
        if (subject == SubjectType.ORDER) {
            facts.order().alerted.add(finding.occasion());
        } else if (subject == SubjectType.CUSTOMER) {
            facts.customer().lastAlerted.put(finding.ruleId(), trigger.occurredAt());
        } else if (subject == SubjectType.CARD) {
            facts.cardFacts().lastAlerted = trigger.occurredAt();
        } else if (subject == SubjectType.SELLER) {
            // the occasion is the month and the level: the month remembers the level
            String occasion = finding.occasion();
            facts.sellerMonth().alerted.add(occasion.substring(occasion.lastIndexOf(':') + 1));
        }
    }

    /**
     * The records besides its order that {@link #evaluate} may read for {@code payload}: those the fact keeper changes
     * for its type and those the rules it triggers read. {@code order} is the event's order as remembered, or null.
     */
    static List<String> relatedKeys(OrderFacts order, Object payload, Instant occurredAt) {
        Set<FactKind> kinds = EnumSet.noneOf(FactKind.class);
        kinds.addAll(FactKeeper.CHANGES.getOrDefault(payload.getClass(), Set.of()));
        for (EventRule rule : RuleCatalog.eventRules()) {
            if (rule.triggers().contains(payload.getClass())) {
                kinds.addAll(rule.reads());
            }
        }
        return FactKeeper.keys(kinds, order, payload, occurredAt);
    }
}
