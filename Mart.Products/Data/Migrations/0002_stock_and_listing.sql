-- Reservations: one row per (order, product), so reserve, commit, release and restock are each applied at most once
-- per line and can be checked afterwards. The quantity is fixed at reservation; only the status moves:
-- reserved -> committed (sold) -> restocked (refunded), or reserved -> released (cancelled).
CREATE TABLE stock_reservations (
    order_id    uuid        NOT NULL,
    product_id  uuid        NOT NULL REFERENCES products (id),
    quantity    integer     NOT NULL,
    status      text        NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (order_id, product_id),
    CONSTRAINT stock_reservations_quantity_positive CHECK (quantity > 0),
    CONSTRAINT stock_reservations_status_known CHECK (status IN ('reserved', 'committed', 'released', 'restocked'))
);

CREATE INDEX stock_reservations_by_product ON stock_reservations (product_id) WHERE status = 'reserved';

-- One decision per order: the answer given to its order.placed (reserved or rejected), or 'cancelled' when the
-- cancellation arrived first. A repeated or late order.placed finds it and changes nothing, so stock can never be
-- held for an order that was already answered or cancelled.
CREATE TABLE stock_decisions (
    order_id    uuid        PRIMARY KEY,
    outcome     text        NOT NULL,
    reason      text        NULL,
    decided_at  timestamptz NOT NULL,
    CONSTRAINT stock_decisions_outcome_known CHECK (outcome IN ('reserved', 'rejected', 'cancelled'))
);

-- Manual stock adjustments (POST /products/{id}/stock), with the reason given, as an audit trail.
CREATE TABLE stock_adjustments (
    id            uuid        PRIMARY KEY,
    product_id    uuid        NOT NULL REFERENCES products (id),
    delta         integer     NOT NULL,
    reason        text        NOT NULL,
    on_hand_after integer     NOT NULL,
    created_at    timestamptz NOT NULL,
    CONSTRAINT stock_adjustments_delta_not_zero CHECK (delta <> 0)
);

CREATE INDEX stock_adjustments_by_product ON stock_adjustments (product_id, created_at);

-- Stock can never be negative, whatever writes it.
ALTER TABLE products ADD CONSTRAINT products_on_hand_not_negative CHECK (on_hand >= 0);

-- Keyset pagination: one index per sort order, each ending in the id as a tie-breaker, live products only.
-- "-price" walks the price index backwards. These replace the created_at DESC index of 0001, whose order no
-- sort uses.
DROP INDEX products_live_by_created;
CREATE INDEX products_live_by_created ON products (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX products_live_by_name ON products (name, id) WHERE deleted_at IS NULL;
CREATE INDEX products_live_by_price ON products (price, id) WHERE deleted_at IS NULL;
