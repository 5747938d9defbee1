package io.orderinsight.command.risk;

import static io.orderinsight.command.testing.Rejections.withCode;
import static io.orderinsight.domain.shared.RejectionCode.INVALID_STATE;
import static io.orderinsight.domain.shared.RejectionCode.VALIDATION_FAILED;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.command.testing.CompanionEventStore;
import io.orderinsight.domain.risk.AlertId;
import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.AlertStatus;
import io.orderinsight.domain.risk.AnomalyEvidence;
import io.orderinsight.domain.risk.CustomerRestrictedEvent;
import io.orderinsight.domain.risk.RaiseAlertCommand;
import io.orderinsight.domain.risk.ResolveAlertCommand;
import io.orderinsight.domain.risk.Restriction;
import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.risk.RiskAlertRaisedEvent;
import io.orderinsight.domain.risk.SubjectType;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.Money;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alert decides from the finding a command carries: its id (once per occasion), what a finding must hold to be an
 * alert, the restriction it calls for, and that it is resolved once.
 */
class AlertTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private static final RaiseAlertCommand REFUND_ABUSE = new RaiseAlertCommand(
            RuleCatalog.REFUND_ABUSE,
            1,
            SubjectType.CUSTOMER,
            "c-1",
            "e-9",
            "c-1",
            "s-1",
            "o-1",
            List.of("e-7", "e-8", "e-9"),
            null,
            RiskAction.HOLD_REFUNDS,
            "3 refunds requested within PT168H (threshold 3)",
            AT,
            null);
    private static final AlertId REFUND_ABUSE_ID = AlertId.derive(RuleCatalog.REFUND_ABUSE, "c-1", "e-9");

    private final List<String> restricted = new ArrayList<>();
    private FixtureConfiguration<Alert> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Alert.class);
        CompanionEventStore others = CompanionEventStore.beside(fixture.getEventStore());
        fixture.registerAnnotatedCommandHandler(new RiskCommandHandler(
                fixture.getRepository(),
                others.repository(CustomerRisk.class),
                others.repository(RiskRule.class),
                fixture.getEventStore(),
                new CustomerStanding() {
                    @Override
                    public boolean ordersBlocked(CustomerId customerId) {
                        return false;
                    }

                    @Override
                    public boolean refundsHeld(CustomerId customerId) {
                        return false;
                    }

                    @Override
                    public void restrict(CustomerId customerId, Restriction restriction, AlertId alertId) {
                        restricted.add(customerId.value() + " " + restriction + " " + alertId.value());
                    }

                    @Override
                    public void lift(CustomerId customerId, Restriction restriction, AlertId alertId) {
                        restricted.remove(customerId.value() + " " + restriction + " " + alertId.value());
                    }
                },
                null,
                Clock.systemUTC()));
    }

    @Test
    void aFindingRaisesItsAlertUnderAnIdDerivedFromRuleSubjectAndOccasion() {
        fixture.givenNoPriorActivity()
                .when(REFUND_ABUSE)
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(REFUND_ABUSE_ID)
                .expectEvents(
                        new RiskAlertRaisedEvent(
                                REFUND_ABUSE_ID,
                                RuleCatalog.REFUND_ABUSE,
                                1,
                                SubjectType.CUSTOMER,
                                "c-1",
                                "c-1",
                                "s-1",
                                "o-1",
                                List.of("e-7", "e-8", "e-9"),
                                null,
                                RiskAction.HOLD_REFUNDS,
                                "3 refunds requested within PT168H (threshold 3)",
                                AT,
                                null),
                        new CustomerRestrictedEvent(
                                CustomerId.of("c-1"), Restriction.REFUND_HOLD, REFUND_ABUSE_ID, AT));
        assertThat(restricted).containsExactly("c-1 REFUND_HOLD " + REFUND_ABUSE_ID.value());
    }

    @Test
    void theSameFindingRaisedAgainChangesNothing() {
        fixture.given(raised(REFUND_ABUSE_ID))
                .when(REFUND_ABUSE)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(restricted).isEmpty();
    }

    @Test
    void anAnomalyIsNamedByItsSubjectsTypeCurrencyAndHourAndPutsNoMoneyAtRisk() {
        Instant hour = Instant.parse("2026-03-02T09:00:00Z");
        AnomalyEvidence saw = new AnomalyEvidence(hour, "gmv", "EUR", 0.99, 100, 80, 120, 20, 40, List.of());
        RaiseAlertCommand drop = new RaiseAlertCommand(
                RuleCatalog.ANOMALY_GMV_DROP,
                1,
                SubjectType.CHANNEL,
                "APP",
                hour.toString(),
                null,
                null,
                null,
                List.of(),
                null,
                RiskAction.ALERT,
                "gmv of channel APP dropped",
                hour.plusSeconds(3_600),
                saw);
        fixture.givenNoPriorActivity()
                .when(drop)
                .expectResultMessagePayload(
                        AlertId.ofAnomaly(RuleCatalog.ANOMALY_GMV_DROP, SubjectType.CHANNEL, "APP", "EUR", hour));
        fixture.givenNoPriorActivity()
                .when(new RaiseAlertCommand(
                        drop.ruleId(),
                        1,
                        SubjectType.CHANNEL,
                        "APP",
                        hour.toString(),
                        null,
                        null,
                        null,
                        List.of(),
                        Money.of(100, "EUR"),
                        RiskAction.ALERT,
                        "gmv of channel APP dropped",
                        hour.plusSeconds(3_600),
                        saw))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("no money at risk"))
                .expectNoEvents();
    }

    @Test
    void aFindingWithoutItsEvidenceIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RaiseAlertCommand(
                        RuleCatalog.REFUND_ABUSE,
                        1,
                        SubjectType.CUSTOMER,
                        "c-1",
                        "e-9",
                        "c-1",
                        null,
                        null,
                        List.of(),
                        null,
                        RiskAction.HOLD_REFUNDS,
                        "no evidence",
                        AT,
                        null))
                .expectException(withCode(VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void aFindingWithoutASubjectIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RaiseAlertCommand(
                        RuleCatalog.REFUND_ABUSE,
                        1,
                        SubjectType.CUSTOMER,
                        null,
                        "e-9",
                        "c-1",
                        null,
                        null,
                        List.of("e-9"),
                        null,
                        RiskAction.HOLD_REFUNDS,
                        "no subject",
                        AT,
                        null))
                .expectException(withCode(VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void anAlertIsResolvedOnce() {
        AlertResolvedEvent resolved = new AlertResolvedEvent(
                REFUND_ABUSE_ID,
                RuleCatalog.REFUND_ABUSE,
                SubjectType.CUSTOMER,
                "c-1",
                "c-1",
                "s-1",
                "o-1",
                RiskAction.HOLD_REFUNDS,
                AlertStatus.CONFIRMED_FRAUD,
                "seen",
                AT);
        fixture.given(raised(REFUND_ABUSE_ID), resolved)
                .when(new ResolveAlertCommand(REFUND_ABUSE_ID, AlertStatus.FALSE_POSITIVE, "again", AT))
                .expectException(withCode(INVALID_STATE))
                .expectNoEvents();
    }

    private static RiskAlertRaisedEvent raised(AlertId alertId) {
        return new RiskAlertRaisedEvent(
                alertId,
                REFUND_ABUSE.ruleId(),
                1,
                SubjectType.CUSTOMER,
                "c-1",
                "c-1",
                "s-1",
                "o-1",
                REFUND_ABUSE.evidence(),
                null,
                RiskAction.HOLD_REFUNDS,
                REFUND_ABUSE.detail(),
                AT,
                null);
    }
}
