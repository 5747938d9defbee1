package io.orderinsight.command.testing;

import io.orderinsight.command.privacy.PersonalDataVault;
import io.orderinsight.domain.customer.PersonalData;
import io.orderinsight.domain.shared.CustomerId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Seals personal data into a readable, deterministic token: {@code sealed:<customer id>:<email>}. */
public final class FakePersonalDataVault implements PersonalDataVault {

    private final Map<String, PersonalData> sealed = new HashMap<>();
    private final Set<String> erased = new HashSet<>();

    @Override
    public String seal(CustomerId customerId, PersonalData data) {
        String token = "sealed:" + customerId + ":" + data.email();
        sealed.put(token, data);
        return token;
    }

    @Override
    public Optional<PersonalData> unseal(CustomerId customerId, String token) {
        if (erased.contains(customerId.value())) {
            return Optional.empty();
        }
        return Optional.ofNullable(sealed.get(token));
    }

    @Override
    public boolean destroy(CustomerId customerId) {
        boolean held = sealed.keySet().stream().anyMatch(token -> token.startsWith("sealed:" + customerId + ":"));
        return held && erased.add(customerId.value());
    }

    @Override
    public Set<String> erasedCustomers() {
        return Set.copyOf(erased);
    }
}
