-- The stale reservation sweep looks for the oldest reservations still held; without this it would read every
-- reservation ever made on each pass.
CREATE INDEX stock_reservations_held_since ON stock_reservations (created_at) WHERE status = 'reserved';
