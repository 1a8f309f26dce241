-- The key of the request that placed a reservation, stored with it in the transaction that takes its
-- stock, so that the request repeated (its answer lost in a crash, ADR 12 "The crash window") finds
-- this reservation instead of reserving again. Namespaced by its source: 'http:' + the
-- Idempotency-Key of POST /api/v1/reservations, 'order:' + the order id for an order's reservation.
-- NULL for a request without a key (and for every reservation placed before keys were stored).
ALTER TABLE inventory.reservation ADD COLUMN request_key varchar(300);

-- Keys belong to the owner. Of two requests with one key racing past the look-up, the second insert
-- waits for the first transaction and is then refused: its transaction rolls back, taking no stock.
CREATE UNIQUE INDEX reservation_request_key_per_owner ON inventory.reservation (owner_id, request_key)
    WHERE request_key IS NOT NULL;
