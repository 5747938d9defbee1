package io.orderinsight.audit.jobs;

/** RUNNING → SUCCEEDED | FAILED; ABANDONED when a RUNNING job's node stopped reporting progress. */
public enum JobStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    ABANDONED
}
