-- What the order flow needs on top of 0001: the reason of the current status, the payment token until Payments has
-- it, the payment that charged the order, idempotency keys, and indexes for listing and for the timeout sweep.
ALTER TABLE orders
    ADD COLUMN reason        text NOT NULL DEFAULT '', -- written by the service with every status change
    ADD COLUMN payment_token text NULL,                -- cleared once order.awaiting-payment carries it to Payments
    ADD COLUMN payment_id    uuid NULL;                -- set from payment.succeeded; refunds refer to it

-- Keyset pagination, newest first, with the id breaking ties within one timestamp.
DROP INDEX orders_by_customer;
CREATE INDEX orders_by_customer ON orders (customer_id, created_at DESC, id DESC);
CREATE INDEX orders_by_created ON orders (created_at DESC, id DESC);

-- The timeout sweep only ever looks at open orders.
CREATE INDEX orders_open_by_created ON orders (created_at) WHERE status IN ('pending', 'awaiting_payment');

-- One row per Idempotency-Key ever accepted by POST /orders.
CREATE TABLE idempotency_keys (
    key          text        PRIMARY KEY,
    request_hash text        NOT NULL,                -- SHA-256 of the canonical request: same key, other body -> 422
    order_id     uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    response     text        NOT NULL,                -- the 201 body, replayed verbatim
    created_at   timestamptz NOT NULL,
    CONSTRAINT idempotency_keys_key_not_blank CHECK (btrim(key) <> '')
);
