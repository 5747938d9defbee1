-- Idempotency keys: written in the same transaction as the command's events, so a retry after a crash or restart
-- gets the first answer. Only 2xx and 4xx answers are stored.
CREATE TABLE idempotency_record (
    caller          VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    VARCHAR(64)  NOT NULL,
    status          INTEGER      NOT NULL,
    location        VARCHAR(1024),
    body            TEXT         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT idempotency_record_pkey PRIMARY KEY (caller, idempotency_key)
);
CREATE INDEX idempotency_record_created_idx ON idempotency_record (created_at);

-- One AES-256 key per customer; personal data in events is sealed with it. Erasure destroys the key.
CREATE TABLE customer_key (
    customer_id VARCHAR(64)  NOT NULL,
    key_bytes   BYTEA,
    created_at  TIMESTAMPTZ  NOT NULL,
    erased_at   TIMESTAMPTZ,
    CONSTRAINT customer_key_pkey PRIMARY KEY (customer_id)
);
