-- A coupon takes a fixed amount off the total of the order that redeems it, in that order's
-- currency. Coupons created before discounts existed take nothing off (0).
ALTER TABLE coupon.coupon
    ADD COLUMN discount bigint NOT NULL DEFAULT 0
        CONSTRAINT coupon_discount_within_range CHECK (discount BETWEEN 0 AND 1000000000000);

-- An issued copy is ISSUED (usable) or REDEEMED by exactly one order. The default makes every copy
-- ISSUED when it is written, whichever issuing strategy writes it (lock, atomic, conditional), and
-- fills the copies issued before. Redeeming is ONE conditional UPDATE ... WHERE status = 'ISSUED'
-- (ADR 10); these constraints stand behind it: no third state, no REDEEMED copy without its order,
-- no order on a usable copy.
ALTER TABLE coupon.issued_coupon
    ADD COLUMN status varchar(16) NOT NULL DEFAULT 'ISSUED'
        CONSTRAINT issued_coupon_status_known CHECK (status IN ('ISSUED', 'REDEEMED')),
    ADD COLUMN order_id varchar(100),
    ADD CONSTRAINT issued_coupon_redeemed_iff_order CHECK ((status = 'REDEEMED') = (order_id IS NOT NULL));
