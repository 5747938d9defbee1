package io.orderinsight.domain.customer;

import java.util.Optional;

/** Reads a customer's sealed personal data back; empty once the customer's key was destroyed (erased). */
@FunctionalInterface
public interface PersonalDataReader {

    Optional<PersonalData> unseal(CustomerId customerId, String sealedData);
}
