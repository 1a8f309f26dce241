-- Which acquisition of the coupon's lock wrote fence_token. A token equal to the stored one is
-- accepted only from that same acquisition (its local hand-over chain): after a Redis failover that
-- lost the lock and its token counter, a second holder can be granted the lock with the SAME token
-- as the first, and the fence must still refuse one of them (FencingAcrossFailoverIT).
-- '' for rows no lock acquisition has written yet (and for the advisory-lock fallback, which writes
-- with the stored token and holder under its exclusive database lock).
ALTER TABLE coupon.coupon ADD COLUMN fence_holder text NOT NULL DEFAULT '';
