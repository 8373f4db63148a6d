-- Mart messaging tables, shared by every service: the transactional outbox the relay publishes from,
-- and the inbox that makes event handling idempotent per consumer group.

CREATE TABLE IF NOT EXISTS outbox (
    id          uuid        PRIMARY KEY,          -- UUID v7: the relay publishes in id order
    type        text        NOT NULL,             -- e.g. order.placed.v1
    data        bytea       NOT NULL,             -- protobuf bytes
    traceparent text        NULL,                 -- W3C traceparent of the producer span
    occurred_at timestamptz NOT NULL,
    sent_at     timestamptz NULL                  -- set in the same transaction as the XADD succeeded
);

-- The relay only ever scans unsent rows; a partial index keeps that scan small however much history is kept.
CREATE INDEX IF NOT EXISTS ix_outbox_unsent ON outbox (id) WHERE sent_at IS NULL;

-- Lets the cleanup of old sent rows find them without a full scan.
CREATE INDEX IF NOT EXISTS ix_outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS inbox (
    message_id     uuid        NOT NULL,
    consumer_group text        NOT NULL,
    processed_at   timestamptz NOT NULL,
    PRIMARY KEY (message_id, consumer_group)
);

-- NOTIFY is delivered only when the inserting transaction commits, so every replica's relay wakes exactly
-- when new rows become visible, not earlier.
CREATE OR REPLACE FUNCTION mart_outbox_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('mart_outbox', '');
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS outbox_notify ON outbox;
CREATE TRIGGER outbox_notify
    AFTER INSERT ON outbox
    FOR EACH STATEMENT
    EXECUTE FUNCTION mart_outbox_notify();
