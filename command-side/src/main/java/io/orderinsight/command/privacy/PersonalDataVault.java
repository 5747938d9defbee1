package io.orderinsight.command.privacy;

import io.orderinsight.domain.customer.PersonalData;
import io.orderinsight.domain.customer.PersonalDataReader;
import io.orderinsight.domain.shared.CustomerId;

/** Seals personal data with the customer's own key, so that destroying the key forgets the data. */
public interface PersonalDataVault extends PersonalDataReader {

    /** Encrypts {@code data} with the customer's key, creating that key on first use. */
    String seal(CustomerId customerId, PersonalData data);

    /** Decrypts what {@link #seal} produced; empty when the customer's key was destroyed. */
    @Override
    java.util.Optional<PersonalData> unseal(CustomerId customerId, String sealed);

    /**
     * Destroys the customer's key in the caller's transaction; false when none is held. Data sealed later gets a new
     * key; what the destroyed one sealed stays unreadable.
     */
    boolean destroy(CustomerId customerId);
}
