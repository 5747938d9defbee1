package io.orderinsight.command.privacy;

import static io.orderinsight.command.testing.Rejections.withCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.command.testing.FakePersonalDataVault;
import io.orderinsight.domain.customer.CustomerDataErasedEvent;
import io.orderinsight.domain.customer.EraseCustomerDataCommand;
import io.orderinsight.domain.customer.PersonalData;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.RejectionCode;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrivacyCommandHandlerTest {

    private static final CustomerId CUSTOMER = CustomerId.of("c-1");
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private final FakePersonalDataVault vault = new FakePersonalDataVault();
    private FixtureConfiguration<CustomerPrivacy> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CustomerPrivacy.class);
        fixture.registerAnnotatedCommandHandler(new PrivacyCommandHandler(fixture.getRepository(), vault));
    }

    @Test
    void erasureDestroysTheKeyAndIsAnEvent() {
        String sealed = vault.seal(CUSTOMER, new PersonalData("ann@example.com", "Ann", null, null, null));

        fixture.givenNoPriorActivity()
                .when(new EraseCustomerDataCommand(CUSTOMER, AT))
                .expectEvents(new CustomerDataErasedEvent(CUSTOMER, AT))
                .expectResultMessagePayload("privacy/c-1");
        assertThat(vault.unseal(CUSTOMER, sealed)).isEmpty();
    }

    @Test
    void aSecondErasureIsRefused() {
        vault.seal(CUSTOMER, new PersonalData("ann@example.com", "Ann", null, null, null));
        vault.destroy(CUSTOMER);

        fixture.given(new CustomerDataErasedEvent(CUSTOMER, AT))
                .when(new EraseCustomerDataCommand(CUSTOMER, AT))
                .expectNoEvents()
                .expectException(withCode(RejectionCode.INVALID_STATE));
    }

    @Test
    void aCustomerWithoutPersonalDataIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new EraseCustomerDataCommand(CUSTOMER, AT))
                .expectNoEvents()
                .expectException(withCode(RejectionCode.CUSTOMER_NOT_FOUND));
    }
}
