-- The inventory module owns the "inventory" schema; no other module reads or writes it.
CREATE SCHEMA IF NOT EXISTS inventory;
