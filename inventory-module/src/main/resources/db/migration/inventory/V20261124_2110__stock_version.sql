-- A version per stock row, bumped by every write: the optimistic strategy saves only when the
-- version it read is still current (compare-and-set); the other strategies keep it moving too.
ALTER TABLE inventory.stock ADD COLUMN version bigint NOT NULL DEFAULT 0;
