package io.orderinsight.infra.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates a bearer token: a dashboard session (from its cookie), a JWT from the configured issuer (when one is
 * configured: {@code spring.security.oauth2.resourceserver.jwt.*}), or an API key. Every failure is the same
 * {@link BadCredentialsException}, so the answer tells an attacker nothing about why.
 */
public class CallerAuthenticationProvider implements AuthenticationProvider {

    private static final String REJECTED = "invalid credentials";

    private final ApiKeys keys;
    private final Sessions sessions;
    private final JwtDecoder jwt;
    private final String rolesClaim;

    /** @param jwt null when no issuer is configured */
    public CallerAuthenticationProvider(ApiKeys keys, Sessions sessions, JwtDecoder jwt, String rolesClaim) {
        this.keys = keys;
        this.sessions = sessions;
        this.jwt = jwt;
        this.rolesClaim = rolesClaim;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (token.startsWith(CallerTokens.SESSION)) {
            String id = token.substring(CallerTokens.SESSION.length());
            return sessions.find(id)
                    .map(caller -> new CallerAuthentication(caller, id))
                    .orElseThrow(() -> new BadCredentialsException(REJECTED));
        }
        if (jwt != null && token.chars().filter(c -> c == '.').count() == 2) {
            return new CallerAuthentication(fromJwt(token), null);
        }
        return keys.authenticate(token)
                .map(caller -> new CallerAuthentication(caller, null))
                .orElseThrow(() -> new BadCredentialsException(REJECTED));
    }

    private Caller fromJwt(String token) {
        Jwt decoded;
        try {
            decoded = jwt.decode(token);
        } catch (JwtException e) {
            throw new BadCredentialsException(REJECTED, e);
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        Object claim = decoded.getClaims().get(rolesClaim);
        Collection<?> values = claim instanceof Collection<?> list
                ? list
                : claim instanceof String text ? List.of(text.split("[ ,]+")) : List.of();
        for (Object value : values) {
            String name = String.valueOf(value).toUpperCase(Locale.ROOT);
            for (Role role : Role.values()) {
                if (role.name().equals(name)) {
                    roles.add(role);
                }
            }
        }
        if (decoded.getSubject() == null || decoded.getSubject().isBlank()) {
            throw new BadCredentialsException(REJECTED);
        }
        return new Caller("jwt:" + decoded.getSubject(), roles);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
