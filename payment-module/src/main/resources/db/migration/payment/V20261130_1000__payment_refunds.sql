-- Refunds (API.md: a charge that lands on an order which can no longer be paid is refunded through
-- the gateway). A refunded payment keeps its row; its status becomes REFUNDED and says when.
ALTER TABLE payment.payment DROP CONSTRAINT payment_status_check;
ALTER TABLE payment.payment ADD CONSTRAINT payment_status_check CHECK (status IN ('APPROVED', 'DECLINED', 'REFUNDED'));
ALTER TABLE payment.payment ADD COLUMN refunded_at timestamptz;
ALTER TABLE payment.payment ADD CONSTRAINT payment_refunded_has_time CHECK ((status = 'REFUNDED') = (refunded_at IS NOT NULL));

-- The simulator's refunds ledger: one refund per key (the primary key deduplicates), of an approved
-- charge of its ledger, never more in total than the charge. Like gateway_simulator.charge, only
-- the simulator reads or writes it.
CREATE TABLE gateway_simulator.refund (
    idempotency_key varchar(255) PRIMARY KEY,
    refund_id       varchar(64)  NOT NULL UNIQUE,
    transaction_id  varchar(64)  NOT NULL,
    amount          bigint       NOT NULL CHECK (amount > 0),
    currency        varchar(8)   NOT NULL,
    -- how many refund requests carried this key (the first one refunded, the others were deduplicated)
    request_count   integer      NOT NULL DEFAULT 1,
    created_at      timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX refund_by_transaction ON gateway_simulator.refund (transaction_id);
