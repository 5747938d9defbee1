package io.orderinsight.audit.jobs;

import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.RejectionCode;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/jobs/{jobId}}: any job's status, progress, rate, ETA and, at the end, its result. */
@RestController
public class JobController {

    private final Jobs jobs;

    public JobController(Jobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping(path = "/api/v1/jobs/{jobId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public JobView job(@PathVariable String jobId) {
        return jobs.find(jobId)
                .orElseThrow(
                        () -> new CommandRejectedException(RejectionCode.JOB_NOT_FOUND, "job " + jobId + " not found"));
    }
}
