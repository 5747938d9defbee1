-- Fraud rules: versions of their thresholds, restrictions in force per customer, what the detector remembers,
-- and db-scheduler's table for Axon's persistent deadline manager.
CREATE TABLE risk_rule_version (
    rule_id     VARCHAR(64)  NOT NULL,
    version     BIGINT       NOT NULL,
    thresholds  TEXT         NOT NULL,
    enabled     BOOLEAN      NOT NULL,
    source      VARCHAR(32)  NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (rule_id, version)
);

CREATE TABLE customer_restriction (
    customer_id VARCHAR(64)  NOT NULL,
    restriction VARCHAR(32)  NOT NULL,
    alert_id    VARCHAR(64)  NOT NULL,
    PRIMARY KEY (customer_id, restriction, alert_id)
);

CREATE TABLE risk_fact (
    fact_key    VARCHAR(200) PRIMARY KEY,
    body        TEXT         NOT NULL
);

CREATE TABLE scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
