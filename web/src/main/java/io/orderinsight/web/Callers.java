package io.orderinsight.web;

import io.orderinsight.domain.shared.MetadataKeys;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of the request being served, as the security filter chain authenticated it. */
public final class Callers {

    private Callers() {}

    /** The authenticated caller, or "anonymous"; idempotency keys and the access log are scoped by it. */
    public static String caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return MetadataKeys.ANONYMOUS;
        }
        return authentication.getName();
    }

    /** Whether the authenticated caller holds {@code role} (a role name such as {@code RISK}). */
    public static boolean holds(String role) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.isAuthenticated()
                && authentication.getAuthorities().stream()
                        .anyMatch(authority -> authority.getAuthority().equals("ROLE_" + role));
    }
}
