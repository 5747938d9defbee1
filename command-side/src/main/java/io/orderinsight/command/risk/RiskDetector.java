package io.orderinsight.command.risk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderinsight.domain.risk.RaiseAlertCommand;
import io.orderinsight.domain.shared.MetadataKeys;
import io.orderinsight.domain.shared.OccurredAt;
import io.orderinsight.domain.shared.OrderIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs the event-driven fraud rules live. One segment sees every event in stream order, so windows and counts are
 * exact; its token lives in PostgreSQL and commits with the rules' memory and the alerts raised, in one
 * transaction. It never replays: a reset would raise old alerts again, so handling is refused during replays.
 */
@ProcessingGroup(RiskDetector.PROCESSING_GROUP)
public class RiskDetector {

    public static final String PROCESSING_GROUP = "risk-rules";
    private static final Logger log = LoggerFactory.getLogger(RiskDetector.class);
    private static final String BATCH = RiskDetector.class.getName() + ".facts";

    private final RiskEngine engine;
    private final RuleBook ruleBook;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final Timer detectionWindow;
    private final ParsedFacts parsed = new ParsedFacts();

    public RiskDetector(
            RiskEngine engine,
            RuleBook ruleBook,
            CommandGateway commands,
            JdbcTemplate jdbc,
            ObjectMapper json,
            Clock clock,
            MeterRegistry meters) {
        this.engine = engine;
        this.ruleBook = ruleBook;
        this.commands = commands;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.detectionWindow = Timer.builder("orderinsight.risk.detection.window")
                .description("From a triggering event's recording to its alert (and restriction) being handled")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    @EventHandler
    @DisallowReplay
    public void on(Object payload, EventMessage<?> event) {
        Trigger trigger = new Trigger(
                event.getIdentifier(),
                OccurredAt.of(payload).orElse(event.getTimestamp()),
                event.getTimestamp(),
                payload);
        for (Finding finding : engine.evaluate(trigger, facts())) {
            raise(finding, trigger);
            CurrentUnitOfWork.get()
                    .root()
                    .afterCommit(
                            batch -> detectionWindow.record(Duration.between(event.getTimestamp(), clock.instant())));
        }
    }

    private void raise(Finding finding, Trigger trigger) {
        RaiseAlertCommand command = commandOf(finding, trigger);
        log.info(
                "rule {} v{} fired on {} {}: {} -> {} ({})",
                finding.ruleId(),
                finding.ruleVersion(),
                finding.subjectType(),
                finding.subjectId(),
                finding.detail(),
                finding.action(),
                Alert.idOf(command));
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(MetadataKeys.PRINCIPAL, "rule:" + finding.ruleId(), MetadataKeys.SOURCE, "risk")));
    }

    /** The command that raises the alert a finding calls for, at the time of its trigger. */
    static RaiseAlertCommand commandOf(Finding finding, Trigger trigger) {
        return new RaiseAlertCommand(
                finding.ruleId(),
                finding.ruleVersion(),
                finding.subjectType(),
                finding.subjectId(),
                finding.occasion(),
                finding.customerId(),
                finding.sellerId(),
                finding.orderId(),
                finding.evidence(),
                finding.moneyAtRisk(),
                finding.action(),
                finding.detail(),
                trigger.occurredAt(),
                null);
    }

    /** This batch's view of the rules' memory, written once when the batch commits. */
    private FactStore facts() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(BATCH, key -> {
            ruleBook.reload();
            JdbcFactStore store = new JdbcFactStore(jdbc, json, parsed);
            if (batch instanceof BatchingUnitOfWork<?> batching) {
                prefetch(store, batching.getMessages());
            }
            batch.onPrepareCommit(unitOfWork -> store.flush());
            batch.afterCommit(unitOfWork -> store.committed());
            return store;
        });
    }

    /**
     * Reads what the batch's events will need in two queries instead of a few per event: their orders first, then
     * the customers, cards and seller months those orders lead to.
     */
    private static void prefetch(JdbcFactStore store, List<? extends Message<?>> messages) {
        Set<String> orders = new LinkedHashSet<>();
        for (Message<?> message : messages) {
            OrderIds.of(message.getPayload()).ifPresent(orderId -> orders.add(FactKeeper.orderKey(orderId)));
        }
        store.prefetch(orders);
        Set<String> related = new LinkedHashSet<>();
        for (Message<?> message : messages) {
            Object payload = message.getPayload();
            OrderIds.of(payload).ifPresent(orderId -> {
                Facts.OrderFacts order = store.find(FactKeeper.orderKey(orderId), Facts.OrderFacts.class);
                if (order != null) {
                    related.addAll(RiskEngine.relatedKeys(order, payload, occurredAt(message)));
                }
            });
            related.addAll(RiskEngine.relatedKeys(null, payload, occurredAt(message)));
        }
        store.prefetch(related);
    }

    private static Instant occurredAt(Message<?> message) {
        Instant fallback = message instanceof EventMessage<?> event ? event.getTimestamp() : Instant.now();
        return OccurredAt.of(message.getPayload()).orElse(fallback);
    }
}
