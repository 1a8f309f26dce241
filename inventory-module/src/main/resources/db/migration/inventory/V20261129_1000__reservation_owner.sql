-- A reservation belongs to the user who placed it (the token's sub); only they and administrators
-- see or cancel it. Reservations placed before owners were recorded get 0, nobody: only
-- administrators see those. The default only fills the existing rows; every insert names the owner.
ALTER TABLE inventory.reservation
    ADD COLUMN owner_id bigint NOT NULL DEFAULT 0 CONSTRAINT reservation_owner_id_not_negative CHECK (owner_id >= 0);
ALTER TABLE inventory.reservation ALTER COLUMN owner_id DROP DEFAULT;
