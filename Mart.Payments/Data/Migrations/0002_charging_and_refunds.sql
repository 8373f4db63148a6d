-- Charging happens outside the event handler: the handler records a pending payment, workers call the gateway
-- (retrying transient failures) and settle it. Refunds are requested on the row and made the same way.
ALTER TABLE payments
    ADD COLUMN failure_code        text        NULL,  -- payment.failed's code: card_declined, amount_limit, ...
    ADD COLUMN payment_token       text        NULL,  -- the customer's token, cleared once the gateway decided
    ADD COLUMN attempts            integer     NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at     timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN refund_requested_at timestamptz NULL,
    ADD COLUMN refund_reason       text        NULL,
    ADD COLUMN refund_reference    text        NULL,  -- the gateway's id for the refund
    ADD COLUMN refunded_at         timestamptz NULL,
    ADD CONSTRAINT payments_attempts_not_negative CHECK (attempts >= 0),
    ADD CONSTRAINT payments_refunded_has_reference CHECK (status <> 'refunded' OR refund_reference IS NOT NULL);

-- The workers' queue: charges and refunds that are due, oldest first.
CREATE INDEX payments_due ON payments (next_attempt_at)
    WHERE status = 'pending' OR (status = 'succeeded' AND refund_requested_at IS NOT NULL);

-- Wakes the workers (LISTEN mart_payments_due) when work becomes due; delivered only when the transaction commits,
-- so a woken worker finds the row. Identical notifications in one transaction are folded into one.
CREATE FUNCTION mart_payments_due_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('mart_payments_due', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER payments_due_notify
    AFTER INSERT OR UPDATE OF status, refund_requested_at ON payments
    FOR EACH ROW
    WHEN (NEW.status = 'pending' OR (NEW.status = 'succeeded' AND NEW.refund_requested_at IS NOT NULL))
    EXECUTE FUNCTION mart_payments_due_notify();
