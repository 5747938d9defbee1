package io.orderinsight.command.risk;

import java.util.Optional;
import java.util.Set;

/**
 * A fraud or loss rule judged on events: which events trigger it, which of the remembered facts it reads, and what it
 * finds in them. Registered beside its catalog entry ({@link RuleCatalog}); {@link RiskEngine} asks it, in the version
 * in force when the event was recorded, after {@link FactKeeper} has brought the facts up to date with the event.
 *
 * <p>A rule reads its inputs and never changes them: it may look at what was already alerted (to fire once per
 * occasion), and the engine records what it raised.
 */
public abstract class EventRule {

    private final String id;
    private final Set<Class<?>> triggers;
    private final Set<FactKind> reads;

    /**
     * @param id the catalog id of the rule
     * @param triggers the event types it judges
     * @param reads the facts it reads besides the event's order, so that a batch can read them ahead
     */
    protected EventRule(String id, Set<Class<?>> triggers, Set<FactKind> reads) {
        this.id = id;
        this.triggers = Set.copyOf(triggers);
        this.reads = Set.copyOf(reads);
    }

    public final String id() {
        return id;
    }

    public final Set<Class<?>> triggers() {
        return triggers;
    }

    public final Set<FactKind> reads() {
        return reads;
    }

    /** What the event means under this rule: a finding, or nothing. */
    public abstract Optional<Finding> judge(Remembered facts, Trigger trigger, RuleVersion rule);
}
