-- Orders Payments has seen cancelled (order.cancelled), whether or not a payment existed then: an
-- order.awaiting-payment that arrives later (a late entry, a dead-letter replay) records no payment, and a worker
-- never charges a payment whose order is here.
CREATE TABLE cancelled_orders (
    order_id     uuid        PRIMARY KEY,  -- owned by Orders: no foreign key across services
    reason       text        NOT NULL,     -- order.cancelled's reason: timeout, a customer's cancel, payment failed
    cancelled_at timestamptz NOT NULL      -- when Payments learnt of it
);
