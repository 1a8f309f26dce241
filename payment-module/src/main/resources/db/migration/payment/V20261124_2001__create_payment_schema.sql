-- The payment module owns the "payment" schema; no other module reads or writes it.
CREATE SCHEMA IF NOT EXISTS payment;
