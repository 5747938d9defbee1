-- Long-running work (rule backtests, projection rebuilds, drift checks, as-of views): progress and result, readable
-- from every node.
CREATE TABLE job (
    job_id      VARCHAR(64)  PRIMARY KEY,
    kind        VARCHAR(64)  NOT NULL,
    subject     VARCHAR(200) NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    done        BIGINT       NOT NULL DEFAULT 0,
    total       BIGINT       NOT NULL DEFAULT 0,
    request     TEXT,
    result      TEXT,
    error       TEXT,
    started_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    finished_at TIMESTAMPTZ
);
CREATE INDEX job_kind_subject_idx ON job (kind, subject, status);
