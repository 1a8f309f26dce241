-- One row per idempotency key. The primary key is what makes a claim atomic:
-- INSERT ... ON CONFLICT DO NOTHING lets exactly one request create the row.
CREATE TABLE payment.idempotency_key (
    idempotency_key varchar(255) PRIMARY KEY,
    fingerprint     char(64)     NOT NULL,
    state           varchar(16)  NOT NULL CHECK (state IN ('IN_PROGRESS', 'UNKNOWN', 'COMPLETED')),
    -- who may complete or release the key: a fresh token per claim and per take-over
    owner_token     varchar(36)  NOT NULL,
    -- IN_PROGRESS: until when the owner is presumed alive; UNKNOWN: since when the outcome is unknown
    lease_until     timestamptz  NOT NULL,
    response_status integer,
    response_body   text,
    payment_id      varchar(36),
    created_at      timestamptz  NOT NULL,
    completed_at    timestamptz,
    CONSTRAINT idempotency_key_completed_has_response CHECK (
        (state = 'COMPLETED') = (response_status IS NOT NULL AND response_body IS NOT NULL AND completed_at IS NOT NULL))
);

-- the sweep reads completed keys by age; the reconciler reads unsettled keys by lease
CREATE INDEX idempotency_key_completed_by_age ON payment.idempotency_key (completed_at) WHERE state = 'COMPLETED';
CREATE INDEX idempotency_key_unsettled_by_lease ON payment.idempotency_key (lease_until) WHERE state <> 'COMPLETED';

CREATE TABLE payment.payment (
    id                     varchar(36)  PRIMARY KEY,
    order_id               varchar(100) NOT NULL,
    amount                 bigint       NOT NULL CHECK (amount > 0),
    currency               char(3)      NOT NULL,
    status                 varchar(16)  NOT NULL CHECK (status IN ('APPROVED', 'DECLINED')),
    gateway_transaction_id varchar(100) NOT NULL,
    -- kept after the key itself is swept: a key never gets a second payment
    idempotency_key        varchar(255) NOT NULL UNIQUE,
    created_at             timestamptz  NOT NULL
);

CREATE INDEX payment_by_order ON payment.payment (order_id);
