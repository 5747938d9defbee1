package io.orderinsight.infra.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Where a request's credentials are: {@code Authorization: Bearer <key or JWT>}, or, for the dashboard, its session
 * cookie. A cookie is sent by the browser on its own, so it authenticates only requests that change nothing (GET,
 * HEAD) and signing out: no other site can make a signed-in browser send a command (besides SameSite=Strict).
 */
public class CallerTokens implements BearerTokenResolver {

    /** Marks a session id among tokens; keys (URL-safe base64) and JWTs never contain it. */
    static final String SESSION = "session:";

    private static final String BEARER = "Bearer ";

    @Override
    public String resolve(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null) {
            if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    || header.substring(BEARER.length()).isBlank()) {
                throw new InvalidBearerTokenException(
                        BearerTokenErrors.invalidRequest("malformed").getDescription());
            }
            return header.substring(BEARER.length()).trim();
        }
        String method = request.getMethod();
        boolean safe = method.equals("GET") || method.equals("HEAD");
        boolean signOut = method.equals("DELETE") && request.getRequestURI().equals(SessionController.PATH);
        if (!safe && !signOut) {
            return null;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(Sessions.COOKIE) && !cookie.getValue().isBlank()) {
                return SESSION + cookie.getValue();
            }
        }
        return null;
    }
}
