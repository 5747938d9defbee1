package io.orderinsight.audit.access;

import io.orderinsight.web.Callers;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Who read which case, state or export, and when: appended for every audit read, never changed. */
public class AccessLog {

    /** One read: {@code action} (case-history, case-state, export, …) on {@code subject}, with its parameters. */
    public record Access(long id, Instant at, String principal, String action, String subject, String detail) {}

    public record Page(List<Access> items, int page, int size, long total) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AccessLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String action, String subject, String detail) {
        jdbc.update(
                "insert into audit_access (at, principal, action, subject, detail) values (?, ?, ?, ?, ?)",
                Timestamp.from(clock.instant()),
                Callers.caller(),
                action,
                subject,
                detail);
    }

    public Page between(Instant from, Instant to, int page, int size) {
        Timestamp start = Timestamp.from(from == null ? Instant.EPOCH : from);
        Timestamp end = Timestamp.from(to == null ? Instant.parse("9999-12-31T00:00:00Z") : to);
        List<Access> items = jdbc.query(
                "select id, at, principal, action, subject, detail from audit_access where at >= ? and at < ?"
                        + " order by id desc limit ? offset ?",
                (row, index) -> new Access(
                        row.getLong(1),
                        row.getTimestamp(2).toInstant(),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6)),
                start,
                end,
                size,
                (long) page * size);
        Long total = jdbc.queryForObject(
                "select count(*) from audit_access where at >= ? and at < ?", Long.class, start, end);
        return new Page(items, page, size, total == null ? 0 : total);
    }
}
