-- Audit: which aggregates make up each order's case (kept by a processor on the JDBC token store), and who read what.
CREATE TABLE case_member (
    order_id       VARCHAR(64)  NOT NULL,
    aggregate_id   VARCHAR(200) NOT NULL,
    aggregate_type VARCHAR(64)  NOT NULL,
    PRIMARY KEY (order_id, aggregate_id)
);

CREATE TABLE audit_access (
    id        BIGSERIAL    PRIMARY KEY,
    at        TIMESTAMPTZ  NOT NULL,
    principal VARCHAR(200) NOT NULL,
    action    VARCHAR(64)  NOT NULL,
    subject   VARCHAR(200) NOT NULL,
    detail    TEXT
);
CREATE INDEX audit_access_at_idx ON audit_access (at);
