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
import io.orderinsight.command.support.OccurredAt;
import io.orderinsight.domain.risk.AlertId;
import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.AlertStatus;
import io.orderinsight.domain.risk.RiskAlertRaisedEvent;
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
        TrackingToken head = eventStore.createHeadToken();
        long total = head == null ? 0 : head.position().orElse(0);
        progress.total(total);
        long scanned = 0;
        long position = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (position < total && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                Instant recordedAt = message.getTimestamp();
                position = message.trackingToken().position().orElse(position + 1);
                if (recordedAt.isAfter(to.plus(LATE_TIMESTAMPS)) || position > total) {
                    break;
                }
                scanned++;
                progress.done(position);
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
                    liveAlerts.put(
                            resolved.alertId().value(), resolved.outcome().name());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("backtest interrupted", e);
        }
        if (deadlineRule) {
            Instant end = to.isBefore(clock.instant()) ? to : clock.instant();
            deadlines.until(end).forEach(due -> keep(flagged, due.finding(), due.at(), from, to, ruleId));
        }
        progress.done(total);
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
