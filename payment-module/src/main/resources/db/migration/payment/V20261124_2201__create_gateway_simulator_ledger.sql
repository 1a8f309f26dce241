-- The payment gateway simulator (started when no gateway URL is configured) keeps its ledger
-- here, apart from the payment module's own tables, so that every instance of the service
-- shares one ledger and deduplication by key holds across instances. A real gateway has its own
-- database; nothing but the simulator reads or writes this schema.
CREATE SCHEMA IF NOT EXISTS gateway_simulator;

CREATE TABLE gateway_simulator.charge (
    idempotency_key varchar(255) PRIMARY KEY,
    transaction_id  varchar(64)  NOT NULL UNIQUE,
    order_id        varchar(100) NOT NULL,
    amount          bigint       NOT NULL,
    currency        varchar(8)   NOT NULL,
    status          varchar(16)  NOT NULL CHECK (status IN ('APPROVED', 'DECLINED')),
    -- how many charge requests carried this key (the first one charged, the others were deduplicated)
    request_count   integer      NOT NULL DEFAULT 1,
    created_at      timestamptz  NOT NULL DEFAULT now()
);
