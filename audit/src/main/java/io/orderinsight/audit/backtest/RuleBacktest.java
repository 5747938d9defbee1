package io.orderinsight.audit.backtest;

import io.orderinsight.audit.jobs.Progress;
import io.orderinsight.command.risk.DeadlineSimulation;
import io.orderinsight.command.risk.Finding;
import io.orderinsight.command.risk.MemoryFactStore;
import io.orderinsight.command.risk.ReportingRates;
import io.orderinsight.command.risk.RiskEngine;
import io.orderinsight.command.risk.RuleCatalog;
import io.orderinsight.command.risk.RuleSource;
import io.orderinsight.command.risk.RuleVersion;
import io.orderinsight.command.risk.Trigger;
import io.orderinsight.domain.risk.AlertId;
import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.AlertStatus;
import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.risk.RiskAlertRaisedEvent;
import io.orderinsight.domain.risk.SubjectType;
import io.orderinsight.domain.shared.OccurredAt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Runs one rule with given thresholds over stored history, in isolation: the events are read from the event store
 * and judged in memory by the same rule functions the live detector and deadline saga use; nothing is sent, nothing
 * is raised. The other rules run with their live versions beside it, as they do live (one rule's finding can stand
 * in for another's), so a backtest with the live version's thresholds reproduces exactly the alerts that version
 * raised. History before {@code from} is read too, to know the orders and customers; only findings in the range
 * are reported.
 */
public class RuleBacktest {

    static final int LISTED = 200;
    private static final Duration LATE_TIMESTAMPS = Duration.ofMinutes(1);

    private final EventStore eventStore;
    private final RuleSource live;
    private final ReportingRates rates;
    private final Clock clock;

    public RuleBacktest(EventStore eventStore, RuleSource live, ReportingRates rates, Clock clock) {
        this.eventStore = eventStore;
        this.live = live;
        this.rates = rates;
        this.clock = clock;
    }

    /**
     * An anomaly rule's backtest: its findings on the hours of the range from {@code hourly} (the counters' hours as
     * they are now, as the live detector judges them), against the alerts it raised live for those hours (read from
     * the event store by their hour, which ends at the alert's {@code occurredAt}).
     */
    public BacktestReport runHourly(
            RuleVersion tested, Instant from, Instant to, HourlyRuleBacktest hourly, Progress progress) {
        String ruleId = tested.ruleId();
        Map<String, Flagged> flagged = new LinkedHashMap<>();
        for (HourlyRuleBacktest.HourlyFinding found :
                hourly.flag(ruleId, tested.thresholds(), tested.version(), from, to)) {
            Finding finding = new Finding(
                    ruleId,
                    tested.version(),
                    SubjectType.valueOf(found.subjectType()),
                    found.subjectId(),
                    null,
                    null,
                    null,
                    List.of(),
                    null,
                    RiskAction.ALERT,
                    found.detail(),
                    found.at().toString());
            flagged.putIfAbsent(found.alertId(), new Flagged(AlertId.of(found.alertId()), found.at(), finding));
        }
        Map<String, String> liveAlerts = new LinkedHashMap<>();
        long scanned = liveAlerts(ruleId, from, to, liveAlerts, progress);
        return report(tested, from, to, scanned, flagged, liveAlerts);
    }

    /** The alerts {@code ruleId} raised live for the hours ending in (from, to], with their outcomes so far. */
    private long liveAlerts(String ruleId, Instant from, Instant to, Map<String, String> live, Progress progress) {
        return scan(progress, message -> {
            Object payload = message.getPayload();
            if (payload instanceof RiskAlertRaisedEvent raised
                    && raised.ruleId().equals(ruleId)
                    && raised.occurredAt().isAfter(from)
                    && !raised.occurredAt().isAfter(to)) {
                live.put(raised.alertId().value(), AlertStatus.OPEN.name());
            } else if (payload instanceof AlertResolvedEvent resolved
                    && live.containsKey(resolved.alertId().value())) {
                live.put(resolved.alertId().value(), resolved.outcome().name());
            }
            return true;
        });
    }

    /**
     * Every stored event up to the head as it is now, in order, to {@code each} until it answers false; the number
     * read. Progress is the position reached.
     */
    private long scan(Progress progress, java.util.function.Predicate<TrackedEventMessage<?>> each) {
        TrackingToken head = eventStore.createHeadToken();
        long total = head == null ? 0 : head.position().orElse(0);
        progress.total(total);
        long scanned = 0;
        long position = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (position < total && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                position = message.trackingToken().position().orElse(position + 1);
                if (position > total || !each.test(message)) {
                    break;
                }
                scanned++;
                progress.done(position);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("backtest interrupted", e);
        }
        progress.done(total);
        return scanned;
    }

    public BacktestReport run(RuleVersion tested, Instant from, Instant to, Progress progress) {
        String ruleId = tested.ruleId();
        RuleSource rules = (id, at) -> id.equals(ruleId) ? tested : live.at(id, at);
        RiskEngine engine = new RiskEngine(rules, rates);
        DeadlineSimulation deadlines = new DeadlineSimulation(rules);
        boolean deadlineRule =
                ruleId.equals(RuleCatalog.UNPAID_ORDER) || ruleId.equals(RuleCatalog.STALE_AUTHORIZATION);
        MemoryFactStore facts = new MemoryFactStore();
        Map<String, Flagged> flagged = new LinkedHashMap<>();
        Map<String, String> liveAlerts = new LinkedHashMap<>();
        long scanned = scan(progress, message -> {
            Instant recordedAt = message.getTimestamp();
            if (recordedAt.isAfter(to.plus(LATE_TIMESTAMPS))) {
                return false;
            }
            Object payload = message.getPayload();
            Trigger trigger = new Trigger(
                    message.getIdentifier(), OccurredAt.of(payload).orElse(recordedAt), recordedAt, payload);
            if (deadlineRule) {
                deadlines.on(trigger).forEach(due -> keep(flagged, due.finding(), due.at(), from, to, ruleId));
            } else if (!recordedAt.isAfter(to)) {
                engine.evaluate(trigger, facts)
                        .forEach(finding -> keep(flagged, finding, recordedAt, from, to, ruleId));
            }
            if (payload instanceof RiskAlertRaisedEvent raised
                    && raised.ruleId().equals(ruleId)
                    && !recordedAt.isBefore(from)
                    && recordedAt.isBefore(to)) {
                liveAlerts.put(raised.alertId().value(), AlertStatus.OPEN.name());
            } else if (payload instanceof AlertResolvedEvent resolved
                    && liveAlerts.containsKey(resolved.alertId().value())) {
                liveAlerts.put(resolved.alertId().value(), resolved.outcome().name());
            }
            return true;
        });
        if (deadlineRule) {
            Instant end = to.isBefore(clock.instant()) ? to : clock.instant();
            deadlines.until(end).forEach(due -> keep(flagged, due.finding(), due.at(), from, to, ruleId));
        }
        return report(tested, from, to, scanned, flagged, liveAlerts);
    }

    private record Flagged(AlertId alertId, Instant at, Finding finding) {}

    private static void keep(
            Map<String, Flagged> flagged, Finding finding, Instant at, Instant from, Instant to, String ruleId) {
        if (!finding.ruleId().equals(ruleId) || at.isBefore(from) || !at.isBefore(to)) {
            return;
        }
        AlertId alertId = AlertId.derive(finding.ruleId(), finding.subjectId(), finding.occasion());
        flagged.putIfAbsent(alertId.value(), new Flagged(alertId, at, finding));
    }

    private static BacktestReport report(
            RuleVersion tested,
            Instant from,
            Instant to,
            long scanned,
            Map<String, Flagged> flagged,
            Map<String, String> liveAlerts) {
        Map<String, Long> money = new TreeMap<>();
        long same = 0;
        long confirmedFlagged = 0;
        long falseFlagged = 0;
        List<BacktestReport.Flag> listed = new ArrayList<>();
        for (Flagged flag : flagged.values()) {
            Finding finding = flag.finding();
            if (finding.moneyAtRisk() != null) {
                money.merge(
                        finding.moneyAtRisk().currency().getCurrencyCode(),
                        finding.moneyAtRisk().minor(),
                        Long::sum);
            }
            String outcome = liveAlerts.get(flag.alertId().value());
            if (outcome != null) {
                same++;
                confirmedFlagged += outcome.equals(AlertStatus.CONFIRMED_FRAUD.name()) ? 1 : 0;
                falseFlagged += outcome.equals(AlertStatus.FALSE_POSITIVE.name()) ? 1 : 0;
            }
            if (listed.size() < LISTED) {
                listed.add(new BacktestReport.Flag(
                        flag.alertId().value(),
                        flag.at(),
                        finding.subjectType().name(),
                        finding.subjectId(),
                        finding.action().name(),
                        finding.moneyAtRisk() == null
                                ? null
                                : finding.moneyAtRisk().minor(),
                        finding.moneyAtRisk() == null
                                ? null
                                : finding.moneyAtRisk().currency().getCurrencyCode(),
                        finding.detail(),
                        finding.evidence(),
                        outcome));
            }
        }
        long confirmedMissed = 0;
        long falseAvoided = 0;
        for (Map.Entry<String, String> alert : liveAlerts.entrySet()) {
            if (!flagged.containsKey(alert.getKey())) {
                confirmedMissed += alert.getValue().equals(AlertStatus.CONFIRMED_FRAUD.name()) ? 1 : 0;
                falseAvoided += alert.getValue().equals(AlertStatus.FALSE_POSITIVE.name()) ? 1 : 0;
            }
        }
        long judged = confirmedFlagged + falseFlagged;
        BacktestReport.Agreement agreement = new BacktestReport.Agreement(
                same,
                flagged.size() - same,
                liveAlerts.size() - same,
                confirmedFlagged,
                confirmedMissed,
                falseFlagged,
                falseAvoided,
                judged == 0 ? null : (double) confirmedFlagged / judged);
        return new BacktestReport(
                tested.ruleId(),
                tested.thresholds(),
                from,
                to,
                scanned,
                flagged.size(),
                money,
                liveAlerts.size(),
                agreement,
                same == flagged.size() && same == liveAlerts.size(),
                listed);
    }
}
