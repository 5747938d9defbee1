package io.orderinsight.infra.security;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Dashboard sign-ins, in PostgreSQL so that every node knows them: a random session id goes to the browser as an
 * HttpOnly cookie, only its SHA-256 is stored, with the caller and roles of the key it was exchanged for. A caller
 * holds at most {@code maxPerCaller} sessions: signing in once more ends its oldest one.
 */
public class Sessions {

    public static final String COOKIE = "OI_SESSION";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration ttl;
    private final int maxPerCaller;

    public Sessions(JdbcTemplate jdbc, Clock clock, Duration ttl, int maxPerCaller) {
        if (maxPerCaller < 1) {
            throw new IllegalArgumentException("orderinsight.security.max-sessions-per-key must be 1 or more");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.ttl = ttl;
        this.maxPerCaller = maxPerCaller;
    }

    public Duration ttl() {
        return ttl;
    }

    /** A new session of {@code caller}; answers its id (the cookie's value). */
    public String open(Caller caller) {
        Instant now = clock.instant();
        jdbc.update("delete from api_session where expires_at < ?", Timestamp.from(now));
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byte[] hash = ApiKeys.sha256(id);
        jdbc.update(
                "insert into api_session (session_hash, caller, roles, created_at, expires_at) values (?, ?, ?, ?, ?)",
                hash,
                caller.name(),
                caller.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")),
                Timestamp.from(now),
                Timestamp.from(now.plus(ttl)));
        // the new session and the newest others up to the bound stay; sessions opened in the same instant as the
        // new one cannot push it out, since it is never among those considered
        jdbc.update("""
                delete from api_session where session_hash in (
                    select session_hash from api_session where caller = ? and session_hash <> ?
                    order by created_at desc offset ?)""", caller.name(), hash, maxPerCaller - 1);
        return id;
    }

    public Optional<Caller> find(String id) {
        List<Caller> found = jdbc.query(
                "select caller, roles from api_session where session_hash = ? and expires_at > ?",
                (row, index) -> new Caller(row.getString("caller"), roles(row.getString("roles"))),
                ApiKeys.sha256(id),
                Timestamp.from(clock.instant()));
        return found.stream().findFirst();
    }

    public void close(String id) {
        jdbc.update("delete from api_session where session_hash = ?", (Object) ApiKeys.sha256(id));
    }

    private static EnumSet<Role> roles(String stored) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(stored.split(","))
                .filter(role -> !role.isBlank())
                .map(Role::valueOf)
                .forEach(roles::add);
        return roles;
    }
}
