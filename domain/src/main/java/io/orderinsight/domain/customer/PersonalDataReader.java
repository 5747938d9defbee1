package io.orderinsight.domain.customer;

import io.orderinsight.domain.shared.CustomerId;
import java.util.Optional;
import java.util.Set;

/** Reads a customer's sealed personal data back; empty once the customer's key was destroyed (erased). */
public interface PersonalDataReader {

    Optional<PersonalData> unseal(CustomerId customerId, String sealedData);

    /** The ids of the customers whose personal data was erased (their key destroyed): none of it can be read again. */
    Set<String> erasedCustomers();
}
