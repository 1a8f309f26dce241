-- Coupons and the copies issued to users. The lock decides who goes first; these constraints are
-- the last line behind it: even a writer that lost its lock cannot over-issue or issue twice.
CREATE TABLE coupon.coupon (
    id              varchar(36)  PRIMARY KEY,
    name            varchar(100) NOT NULL,
    total_quantity  integer      NOT NULL CHECK (total_quantity > 0),
    issued_quantity integer      NOT NULL DEFAULT 0,
    -- the newest fencing token a write carried; writes with an older one are rejected
    fence_token     bigint       NOT NULL DEFAULT 0,
    created_at      timestamptz  NOT NULL,
    CONSTRAINT coupon_issued_within_total CHECK (issued_quantity BETWEEN 0 AND total_quantity)
);

CREATE TABLE coupon.issued_coupon (
    id        varchar(36) PRIMARY KEY,
    coupon_id varchar(36) NOT NULL REFERENCES coupon.coupon (id),
    user_id   bigint      NOT NULL CHECK (user_id > 0),
    issued_at timestamptz NOT NULL,
    CONSTRAINT issued_coupon_once_per_user UNIQUE (coupon_id, user_id)
);

CREATE INDEX issued_coupon_by_user ON coupon.issued_coupon (user_id, issued_at);
