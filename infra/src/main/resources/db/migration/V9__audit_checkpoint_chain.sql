-- Checkpoints form a chain of their own and leave the database: each new checkpoint signs its predecessor's hash
-- (64 zeros for the first; NULL on the checkpoints signed before this migration, whose signature covers chain_seq,
-- hash and signed_at only), and published_at marks the ones the checkpoints topic has acknowledged — the others are
-- published again on the next signing round.
ALTER TABLE chain_checkpoint ADD COLUMN previous_hash CHAR(64);
ALTER TABLE chain_checkpoint ADD COLUMN published_at TIMESTAMPTZ;

CREATE INDEX chain_checkpoint_unpublished ON chain_checkpoint (chain_seq) WHERE published_at IS NULL;
