-- Orders (checkout). The checks are the last line of defence behind the application's guards:
-- totals are consistent, and a status is one of four.
CREATE TABLE orders."order" (
    id                  varchar(36)  PRIMARY KEY,
    user_id             bigint       NOT NULL CHECK (user_id > 0),
    status              varchar(16)  NOT NULL CHECK (status IN ('AWAITING_PAYMENT', 'PAID', 'CANCELLED', 'EXPIRED')),
    subtotal            bigint       NOT NULL CHECK (subtotal >= 0),
    discount            bigint       NOT NULL CHECK (discount >= 0),
    total               bigint       NOT NULL CHECK (total >= 0),
    currency            varchar(3)   NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    coupon_id           varchar(100),
    reservation_id      varchar(36)  NOT NULL,
    payment_id          varchar(36),
    -- the payment guard: the attempt number names the charge at the gateway (it moves on after a
    -- decline only); a claim (owner and lease) is held while the payment module is called
    payment_attempt     integer      NOT NULL DEFAULT 0 CHECK (payment_attempt >= 0),
    payment_claim       varchar(36),
    payment_claim_until timestamptz,
    expires_at          timestamptz  NOT NULL,
    created_at          timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT order_discount_within_subtotal CHECK (discount <= subtotal),
    CONSTRAINT order_total_is_subtotal_less_discount CHECK (total = subtotal - discount),
    CONSTRAINT order_paid_has_payment CHECK (status <> 'PAID' OR total = 0 OR payment_id IS NOT NULL),
    CONSTRAINT order_claim_has_lease CHECK ((payment_claim IS NULL) = (payment_claim_until IS NULL)),
    CONSTRAINT order_claim_only_while_awaiting CHECK (payment_claim IS NULL OR status = 'AWAITING_PAYMENT')
);

-- the expiry sweep reads only overdue orders awaiting payment
CREATE INDEX order_awaiting_by_expiry ON orders."order" (expires_at) WHERE status = 'AWAITING_PAYMENT';
CREATE INDEX order_by_user ON orders."order" (user_id);
-- one issued coupon (a user holds one per coupon) is applied to at most one order that is still open or paid
CREATE UNIQUE INDEX order_coupon_once ON orders."order" (coupon_id, user_id)
    WHERE coupon_id IS NOT NULL AND status IN ('AWAITING_PAYMENT', 'PAID');

CREATE TABLE orders.order_line (
    order_id   varchar(36)  NOT NULL REFERENCES orders."order" (id),
    line_no    integer      NOT NULL,
    sku        varchar(100) NOT NULL,
    quantity   integer      NOT NULL CHECK (quantity > 0),
    unit_price bigint       NOT NULL CHECK (unit_price >= 0),
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_line_sku_once UNIQUE (order_id, sku)
);

-- Idempotency keys of POST /api/v1/orders and /api/v1/orders/{id}/payment, per user.
CREATE TABLE orders.request_key (
    user_id      bigint       NOT NULL,
    key          varchar(255) NOT NULL,
    fingerprint  varchar(64)  NOT NULL,
    owner        varchar(36)  NOT NULL,
    lease_until  timestamptz  NOT NULL,
    resource_id  varchar(100) NOT NULL,
    outcome      text,
    created_at   timestamptz  NOT NULL,
    completed_at timestamptz,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX request_key_by_creation ON orders.request_key (created_at);
