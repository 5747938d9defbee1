package io.orderinsight.infra.security;

import java.util.Set;

/**
 * An authenticated caller: its name as the record keeps it ({@code key:<name>} for an API key, {@code jwt:<subject>}
 * for a token from the configured issuer) and its roles.
 */
public record Caller(String name, Set<Role> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }
}
