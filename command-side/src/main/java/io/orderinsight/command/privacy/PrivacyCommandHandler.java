package io.orderinsight.command.privacy;

import io.orderinsight.domain.customer.EraseCustomerDataCommand;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.RejectionCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

/**
 * Erasure: the event that records it and the destruction of the customer's key commit in one PostgreSQL transaction;
 * a customer of whom no personal data is held is not found.
 */
public class PrivacyCommandHandler {

    private final Repository<CustomerPrivacy> customers;
    private final PersonalDataVault vault;

    public PrivacyCommandHandler(Repository<CustomerPrivacy> customers, PersonalDataVault vault) {
        this.customers = customers;
        this.vault = vault;
    }

    @CommandHandler
    public String handle(EraseCustomerDataCommand command) throws Exception {
        CustomerId customerId = command.customerId();
        customers
                .loadOrCreate(CustomerPrivacy.idOf(customerId), CustomerPrivacy::new)
                .execute(privacy -> privacy.erase(customerId, command.occurredAt()));
        if (!vault.destroy(customerId)) {
            throw new CommandRejectedException(
                    RejectionCode.CUSTOMER_NOT_FOUND, "no personal data is held for customer " + customerId.value());
        }
        return CustomerPrivacy.idOf(customerId);
    }
}
