package io.orderinsight.audit.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.RejectionCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Long-running work with progress, run on this node and recorded in PostgreSQL ({@code job}) so that any node can
 * report on it: started, done of total, rate and ETA, and the result or the error at the end. A job whose node stops
 * reporting for a minute is shown ABANDONED.
 */
public class Jobs {

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);
    private static final Duration SILENCE = Duration.ofMinutes(1);
    private static final Duration REPORT_EVERY = Duration.ofMillis(500);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final ExecutorService workers;

    public Jobs(JdbcTemplate jdbc, ObjectMapper json, Clock clock, ExecutorService workers) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.workers = workers;
    }

    /**
     * Starts {@code work} as a job of {@code kind} on {@code subject}; its return value becomes the result.
     *
     * @param conflictCode when not null, the job is refused with it while another of its kind runs on its subject
     */
    public String start(
            String kind, String subject, Object request, RejectionCode conflictCode, Function<Progress, Object> work) {
        if (conflictCode != null) {
            Optional<JobView> running = running(kind, subject);
            if (running.isPresent()) {
                throw new CommandRejectedException(
                        conflictCode,
                        kind + " of " + subject + " is already running as job "
                                + running.get().jobId());
            }
        }
        String jobId = "job-" + UUID.randomUUID();
        Instant now = clock.instant();
        try {
            jdbc.update(
                    "insert into job (job_id, kind, subject, status, request, started_at, updated_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?)",
                    jobId,
                    kind,
                    subject,
                    JobStatus.RUNNING.name(),
                    write(request),
                    Timestamp.from(now),
                    Timestamp.from(now));
        } catch (DuplicateKeyException e) {
            throw new IllegalStateException("job id collision " + jobId, e);
        }
        workers.execute(() -> run(jobId, kind, subject, work));
        log.info("job {} started: {} of {}", jobId, kind, subject);
        return jobId;
    }

    public Optional<JobView> find(String jobId) {
        List<JobView> found = jdbc.query("select * from job where job_id = ?", this::view, jobId);
        return found.stream().findFirst();
    }

    public Optional<JobView> running(String kind, String subject) {
        return jdbc
                .query(
                        "select * from job where kind = ? and subject = ? and status = 'RUNNING'",
                        this::view,
                        kind,
                        subject)
                .stream()
                .filter(job -> job.status() == JobStatus.RUNNING)
                .findFirst();
    }

    private void run(String jobId, String kind, String subject, Function<Progress, Object> work) {
        Reporter reporter = new Reporter(jobId);
        try {
            Object result = work.apply(reporter);
            reporter.flush();
            jdbc.update(
                    "update job set status = ?, result = ?, updated_at = ?, finished_at = ? where job_id = ?",
                    JobStatus.SUCCEEDED.name(),
                    write(result),
                    Timestamp.from(clock.instant()),
                    Timestamp.from(clock.instant()),
                    jobId);
            log.info("job {} ({} of {}) succeeded", jobId, kind, subject);
        } catch (RuntimeException | Error e) {
            log.error("job {} ({} of {}) failed", jobId, kind, subject, e);
            jdbc.update(
                    "update job set status = ?, error = ?, updated_at = ?, finished_at = ? where job_id = ?",
                    JobStatus.FAILED.name(),
                    String.valueOf(e.getMessage()),
                    Timestamp.from(clock.instant()),
                    Timestamp.from(clock.instant()),
                    jobId);
        }
    }

    private JobView view(ResultSet row, int index) throws SQLException {
        JobStatus status = JobStatus.valueOf(row.getString("status"));
        Instant started = row.getTimestamp("started_at").toInstant();
        Instant updated = row.getTimestamp("updated_at").toInstant();
        Timestamp finishedAt = row.getTimestamp("finished_at");
        Instant finished = finishedAt == null ? null : finishedAt.toInstant();
        Instant now = clock.instant();
        if (status == JobStatus.RUNNING && updated.plus(SILENCE).isBefore(now)) {
            status = JobStatus.ABANDONED;
        }
        long done = row.getLong("done");
        long total = row.getLong("total");
        double seconds = Math.max(
                0.001,
                Duration.between(started, finished == null ? now : finished).toMillis() / 1000.0);
        double rate = done / seconds;
        Long eta = status == JobStatus.RUNNING && rate > 0 && total >= done ? Math.round((total - done) / rate) : null;
        return new JobView(
                row.getString("job_id"),
                row.getString("kind"),
                row.getString("subject"),
                status,
                done,
                total,
                Math.round(rate * 10) / 10.0,
                eta,
                started,
                updated,
                finished,
                read(row.getString("request")),
                read(row.getString("result")),
                row.getString("error"));
    }

    private String write(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write job data", e);
        }
    }

    private JsonNode read(String value) {
        try {
            return value == null ? null : json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable job data", e);
        }
    }

    /** Records progress at most twice a second. */
    private final class Reporter implements Progress {

        private final String jobId;
        private long total;
        private long done;
        private Instant reported = Instant.MIN;

        Reporter(String jobId) {
            this.jobId = jobId;
        }

        @Override
        public void total(long total) {
            this.total = total;
            flush();
        }

        @Override
        public void done(long done) {
            this.done = done;
            Instant now = clock.instant();
            if (reported.plus(REPORT_EVERY).isBefore(now)) {
                flush();
            }
        }

        void flush() {
            reported = clock.instant();
            jdbc.update(
                    "update job set done = ?, total = ?, updated_at = ? where job_id = ?",
                    done,
                    Math.max(total, done),
                    Timestamp.from(reported),
                    jobId);
        }
    }
}
