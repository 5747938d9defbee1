package io.orderinsight.command.testing;

import io.orderinsight.command.privacy.PersonalDataVault;
import io.orderinsight.domain.customer.CustomerId;
import io.orderinsight.domain.customer.PersonalData;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Seals personal data into a readable, deterministic token: {@code sealed:<customer id>:<email>}. */
public final class FakePersonalDataVault implements PersonalDataVault {

    private final Map<String, PersonalData> sealed = new HashMap<>();

    @Override
    public String seal(CustomerId customerId, PersonalData data) {
        String token = "sealed:" + customerId + ":" + data.email();
        sealed.put(token, data);
        return token;
    }

    @Override
    public Optional<PersonalData> unseal(CustomerId customerId, String token) {
        return Optional.ofNullable(sealed.get(token));
    }
}
