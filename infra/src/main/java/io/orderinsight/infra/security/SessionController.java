package io.orderinsight.infra.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard's sign-in: a browser's EventSource cannot send a bearer header, so the dashboard exchanges its key
 * ({@code POST /api/v1/session} with {@code Authorization: Bearer <key>}) for an HttpOnly, SameSite=Strict session
 * cookie that authenticates its reads and its stream. {@code GET} says who is signed in; {@code DELETE} signs out.
 */
@RestController
@RequestMapping(path = SessionController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
public class SessionController {

    public static final String PATH = "/api/v1/session";

    private final Sessions sessions;

    public SessionController(Sessions sessions) {
        this.sessions = sessions;
    }

    /** @param expiresAt when the session ends, or null for a request authenticated by its own credential */
    public record SignedIn(String caller, List<String> roles, Instant expiresAt) {}

    @PostMapping
    public ResponseEntity<SignedIn> signIn(Authentication authentication, HttpServletRequest request) {
        CallerAuthentication caller = (CallerAuthentication) authentication;
        String id = sessions.open(caller.caller());
        ResponseCookie cookie = ResponseCookie.from(Sessions.COOKIE, id)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Strict")
                .path("/")
                .maxAge(sessions.ttl())
                .build();
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, cookie.toString())
                .body(new SignedIn(
                        caller.getName(), caller.roleNames(), Instant.now().plus(sessions.ttl())));
    }

    @GetMapping
    public SignedIn current(Authentication authentication) {
        CallerAuthentication caller = (CallerAuthentication) authentication;
        return new SignedIn(caller.getName(), caller.roleNames(), null);
    }

    @DeleteMapping
    public ResponseEntity<Void> signOut(Authentication authentication) {
        CallerAuthentication caller = (CallerAuthentication) authentication;
        if (caller.sessionId() != null) {
            sessions.close(caller.sessionId());
        }
        ResponseCookie expired = ResponseCookie.from(Sessions.COOKIE, "")
                .httpOnly(true)
                .sameSite("Strict")
                .path("/")
                .maxAge(0)
                .build();
        return ResponseEntity.noContent()
                .header(HttpHeaders.SET_COOKIE, expired.toString())
                .build();
    }
}
