package dev.commerce.coupon.application;

import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.CouponView;
import dev.commerce.coupon.CreateCouponCommand;
import dev.commerce.coupon.adapter.out.memory.InMemoryCouponRepository;
import dev.commerce.coupon.adapter.out.memory.InMemoryIssuedCouponRepository;
import dev.commerce.coupon.adapter.out.memory.InMemoryCouponLock;
import dev.commerce.coupon.adapter.out.memory.InMemoryTransactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** The coupon use cases wired to in-memory adapters, as app-bootstrap wires the real ones. */
final class Coupons {

    // Generous, so that contention on two cores never turns into a timeout; tests assert none happens.
    static final Duration WAIT_TIME = Duration.ofSeconds(30);
    static final Duration LEASE_TIME = Duration.ofSeconds(30);

    final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    final InMemoryTransactions transactions = new InMemoryTransactions();
    final InMemoryCouponRepository coupons = new InMemoryCouponRepository(transactions);
    final InMemoryIssuedCouponRepository issued = new InMemoryIssuedCouponRepository(transactions);
    final InMemoryCouponLock lockPort;
    final CouponCatalog catalog;
    final CouponIssuer issuer;
    final CouponRedeemer redeemer;

    Coupons() {
        this(WAIT_TIME, LEASE_TIME);
    }

    Coupons(Duration waitTime, Duration leaseTime) {
        lockPort = new InMemoryCouponLock(transactions, waitTime, leaseTime);
        catalog = new CouponCatalog(coupons, issued, clock);
        issuer = new CouponIssuer(coupons, issued, lockPort, clock, CouponException.DEFAULT_RETRY_AFTER);
        redeemer = new CouponRedeemer(coupons, issued);
    }

    /** A new coupon with {@code total} copies; builder-style defaults for the name. */
    CouponView aCoupon(int total) {
        return catalog.create(new CreateCouponCommand("WELCOME", total));
    }

    /** A new coupon with {@code total} copies, each taking {@code discount} off an order. */
    CouponView aCoupon(int total, long discount) {
        return catalog.create(new CreateCouponCommand("WELCOME", total, discount));
    }
}
