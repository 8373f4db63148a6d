-- Gateway calls are made outside any transaction: a worker takes a due payment and sets in_call_until (its lease,
-- also the payment's next_attempt_at) in one short transaction, calls the gateway, and records the outcome in another.
-- Nothing holds the row while the call is out; a worker that dies mid-call leaves a payment that is due again when the
-- lease runs out, and the next call carries the same idempotency key.
ALTER TABLE payments
    ADD COLUMN in_call_until timestamptz NULL;
