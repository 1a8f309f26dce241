package dev.commerce.coupon.adapter.out.persistence;

import dev.commerce.coupon.application.port.CouponRepository;
import dev.commerce.coupon.application.port.IssuedCouponRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The coupon repositories in PostgreSQL, built for the tests of other packages that call them
 * directly: it lives in the adapters' package, so the adapters stay package-private.
 */
public final class CouponRepositories {

    private CouponRepositories() {
    }

    public static CouponRepository coupons(JdbcClient jdbc) {
        return new JdbcCouponRepository(jdbc);
    }

    public static IssuedCouponRepository issuedCoupons(JdbcClient jdbc) {
        return new JdbcIssuedCouponRepository(jdbc);
    }
}
