-- Orders belong to the signed-in customer (the token's subject), and so do idempotency keys: two customers may pick
-- the same key without one being answered with the other's order.
ALTER TABLE idempotency_keys ADD COLUMN customer_id text;
UPDATE idempotency_keys AS k SET customer_id = o.customer_id FROM orders AS o WHERE o.id = k.order_id;
ALTER TABLE idempotency_keys
    ALTER COLUMN customer_id SET NOT NULL,
    DROP CONSTRAINT idempotency_keys_pkey,
    ADD CONSTRAINT idempotency_keys_pkey PRIMARY KEY (customer_id, key);
