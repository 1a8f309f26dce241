-- The platform owns the "platform" schema: what the application shares at its edges.
CREATE SCHEMA IF NOT EXISTS platform;

-- One row per (caller, Idempotency-Key) of every POST under /api/v1 that does not keep its own
-- keys (payments and orders do). The primary key makes a claim atomic: INSERT ... ON CONFLICT
-- DO NOTHING lets exactly one request create the row (ADR 12).
CREATE TABLE platform.idempotency_key (
    user_id               bigint        NOT NULL CHECK (user_id > 0),
    idempotency_key       varchar(255)  NOT NULL,
    -- SHA-256 (hex) of method, path and canonical body
    fingerprint           char(64)      NOT NULL,
    request_method        varchar(16)   NOT NULL,
    request_path          varchar(2048) NOT NULL,
    state                 varchar(16)   NOT NULL CHECK (state IN ('IN_PROGRESS', 'COMPLETED')),
    -- who may complete or release the key: a fresh token per claim and per take-over
    owner_token           varchar(36)   NOT NULL,
    -- IN_PROGRESS: until when the owner is presumed alive; after it a retry takes the key over
    lease_until           timestamptz   NOT NULL,
    created_at            timestamptz   NOT NULL,
    completed_at          timestamptz,
    response_status       integer,
    response_content_type varchar(255),
    response_location     varchar(2048),
    response_body         bytea,
    PRIMARY KEY (user_id, idempotency_key),
    CONSTRAINT idempotency_key_completed_has_response CHECK (
        (state = 'COMPLETED') = (response_status IS NOT NULL AND response_body IS NOT NULL AND completed_at IS NOT NULL))
);

-- the sweep forgets completed keys by age, and keys a crash left in progress by lease
CREATE INDEX idempotency_key_completed_by_age ON platform.idempotency_key (completed_at) WHERE state = 'COMPLETED';
CREATE INDEX idempotency_key_in_progress_by_lease ON platform.idempotency_key (lease_until) WHERE state = 'IN_PROGRESS';
