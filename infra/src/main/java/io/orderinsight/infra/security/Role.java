package io.orderinsight.infra.security;

/**
 * What a caller may do. INGEST: the upstream commands (approving an ordinary refund included); VIEWER: queries, the
 * stream and the dashboard; RISK: alert resolution, rule settings, deciding PENDING_REVIEW refunds, backtests;
 * AUDITOR: the audit API, export and access log; ADMIN: projections, drift, jobs, dead letters, erasure, metrics.
 */
public enum Role {
    INGEST,
    VIEWER,
    RISK,
    AUDITOR,
    ADMIN;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
