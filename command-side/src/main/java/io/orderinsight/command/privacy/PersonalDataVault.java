package io.orderinsight.command.privacy;

import io.orderinsight.domain.customer.CustomerId;
import io.orderinsight.domain.customer.PersonalData;

/** Seals personal data with the customer's own key, so that destroying the key forgets the data. */
public interface PersonalDataVault {

    /** Encrypts {@code data} with the customer's key, creating that key on first use. */
    String seal(CustomerId customerId, PersonalData data);

    /** Decrypts what {@link #seal} produced; empty when the customer's key was destroyed. */
    java.util.Optional<PersonalData> unseal(CustomerId customerId, String sealed);
}
