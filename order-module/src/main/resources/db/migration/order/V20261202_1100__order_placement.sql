-- The placement journal: a placement that names a coupon notes itself here after its stock is
-- reserved and before the coupon is redeemed; the transaction that stores the order deletes the
-- note. A note older than commerce.order.placement-recovery-after belongs to a placement that never
-- stored its order (its process died): the recovery marks it abandoned, in the same transaction as
-- an OrderPlacementAbandoned event whose listener releases the coupon and the reservation, and
-- forgets the dead request's key (a retry of the request then places a new order). The abandoned
-- note stays as a tombstone, so that a placement still running with that order id cannot redeem the
-- coupon again for it; tombstones are deleted after the key retention.
CREATE TABLE orders.placement (
    order_id       varchar(36)  PRIMARY KEY,
    user_id        bigint       NOT NULL CHECK (user_id > 0),
    request_key    varchar(255) NOT NULL,
    coupon_id      varchar(100) NOT NULL,
    reservation_id varchar(36)  NOT NULL,
    started_at     timestamptz  NOT NULL,
    abandoned_at   timestamptz
);

-- the recovery reads the oldest open notes
CREATE INDEX placement_open_by_start ON orders.placement (started_at) WHERE abandoned_at IS NULL;
