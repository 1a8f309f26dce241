-- Idempotency keys belong to the caller: the same Idempotency-Key from two users names two requests,
-- so a key is its user and its value together. Keys and payments from before get user 0, nobody:
-- no caller's key is user 0's (user ids are positive), and only administrators see those payments.
-- The defaults only fill the existing rows; every insert names the user.
ALTER TABLE payment.idempotency_key
    ADD COLUMN user_id bigint NOT NULL DEFAULT 0 CONSTRAINT idempotency_key_user_id_not_negative CHECK (user_id >= 0);
ALTER TABLE payment.idempotency_key ALTER COLUMN user_id DROP DEFAULT;
-- the claim's INSERT ... ON CONFLICT DO NOTHING stays atomic on the new primary key
ALTER TABLE payment.idempotency_key DROP CONSTRAINT idempotency_key_pkey;
ALTER TABLE payment.idempotency_key ADD CONSTRAINT idempotency_key_pkey PRIMARY KEY (user_id, idempotency_key);

-- A payment belongs to the user whose key it was charged under; one payment per user's key.
ALTER TABLE payment.payment
    ADD COLUMN owner_id bigint NOT NULL DEFAULT 0 CONSTRAINT payment_owner_id_not_negative CHECK (owner_id >= 0);
ALTER TABLE payment.payment ALTER COLUMN owner_id DROP DEFAULT;
ALTER TABLE payment.payment DROP CONSTRAINT payment_idempotency_key_key;
ALTER TABLE payment.payment ADD CONSTRAINT payment_one_per_user_key UNIQUE (owner_id, idempotency_key);
