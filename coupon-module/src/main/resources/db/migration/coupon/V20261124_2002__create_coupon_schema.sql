-- The coupon module owns the "coupon" schema; no other module reads or writes it.
CREATE SCHEMA IF NOT EXISTS coupon;
