-- Stock per SKU. The checks are the last line of defence behind the row lock: even a buggy
-- writer cannot store negative or over-reserved stock.
CREATE TABLE inventory.stock (
    sku        varchar(100) PRIMARY KEY,
    on_hand    bigint       NOT NULL CHECK (on_hand >= 0),
    reserved   bigint       NOT NULL CHECK (reserved >= 0),
    updated_at timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT stock_reserved_within_on_hand CHECK (reserved <= on_hand)
);

CREATE TABLE inventory.reservation (
    id         varchar(36)  PRIMARY KEY,
    order_id   varchar(100) NOT NULL,
    status     varchar(16)  NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED', 'EXPIRED')),
    created_at timestamptz  NOT NULL,
    expires_at timestamptz  NOT NULL,
    updated_at timestamptz  NOT NULL DEFAULT now()
);

-- The expiry sweep reads only overdue pending reservations.
CREATE INDEX reservation_pending_by_expiry ON inventory.reservation (expires_at) WHERE status = 'PENDING';

CREATE TABLE inventory.reservation_line (
    reservation_id varchar(36)  NOT NULL REFERENCES inventory.reservation (id),
    line_no        integer      NOT NULL,
    sku            varchar(100) NOT NULL REFERENCES inventory.stock (sku),
    quantity       integer      NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (reservation_id, line_no),
    CONSTRAINT reservation_line_sku_once UNIQUE (reservation_id, sku)
);

CREATE INDEX reservation_line_by_sku ON inventory.reservation_line (sku);
