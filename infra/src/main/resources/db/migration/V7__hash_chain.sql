-- Tamper evidence: one link per stored event in the order one single-segment processor received them, and signed
-- checkpoints of the chain's head.
CREATE TABLE hash_chain (
    chain_seq       BIGINT       PRIMARY KEY,
    global_position BIGINT       NOT NULL UNIQUE,
    event_id        VARCHAR(255) NOT NULL UNIQUE,
    prev_hash       CHAR(64)     NOT NULL,
    hash            CHAR(64)     NOT NULL,
    chained_at      TIMESTAMPTZ  NOT NULL
);

CREATE TABLE chain_checkpoint (
    chain_seq BIGINT       PRIMARY KEY,
    hash      CHAR(64)     NOT NULL,
    signed_at TIMESTAMPTZ  NOT NULL,
    signature VARCHAR(200) NOT NULL
);
