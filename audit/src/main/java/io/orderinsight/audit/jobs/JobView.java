package io.orderinsight.audit.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A job as {@code GET /api/v1/jobs/{jobId}} shows it.
 *
 * @param rate units of work per second since the start
 * @param etaSeconds the estimated seconds left at that rate, while running
 * @param result the job's result once it succeeded
 */
public record JobView(
        String jobId,
        String kind,
        String subject,
        JobStatus status,
        long done,
        long total,
        double rate,
        Long etaSeconds,
        Instant startedAt,
        Instant updatedAt,
        Instant finishedAt,
        JsonNode request,
        JsonNode result,
        String error) {}
