package io.orderinsight.audit.jobs;

import java.net.URI;
import org.springframework.http.ResponseEntity;

/** The answer to a request that started a job: 202, with the job's location in the header and the body. */
public record JobAccepted(String jobId, String status, String location) {

    public static ResponseEntity<JobAccepted> of(String jobId) {
        String location = "/api/v1/jobs/" + jobId;
        return ResponseEntity.accepted()
                .location(URI.create(location))
                .body(new JobAccepted(jobId, JobStatus.RUNNING.name(), location));
    }
}
