package io.orderinsight.infra.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated {@link Caller}: its name is what the record keeps, its roles its authorities. */
public class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final String sessionId;

    CallerAuthentication(Caller caller, String sessionId) {
        super(caller.roles().stream()
                .sorted()
                .map(role -> new SimpleGrantedAuthority(role.authority()))
                .toList());
        this.caller = caller;
        this.sessionId = sessionId;
        setAuthenticated(true);
    }

    public Caller caller() {
        return caller;
    }

    /** The dashboard session this request came with, or null. */
    public String sessionId() {
        return sessionId;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return caller.name();
    }

    @Override
    public String getName() {
        return caller.name();
    }

    List<String> roleNames() {
        return caller.roles().stream().map(Enum::name).sorted().toList();
    }
}
