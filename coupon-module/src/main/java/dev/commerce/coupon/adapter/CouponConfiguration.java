package dev.commerce.coupon.adapter;

import dev.commerce.coupon.IssueCouponUseCase;
import dev.commerce.coupon.application.CouponCatalog;
import dev.commerce.coupon.application.CouponClaimRecoverer;
import dev.commerce.coupon.application.CouponIssuer;
import dev.commerce.coupon.application.CouponRedeemer;
import dev.commerce.coupon.application.OneStepCouponIssuer;
import dev.commerce.coupon.application.port.ClaimRecovery;
import dev.commerce.coupon.application.port.CouponLock;
import dev.commerce.coupon.application.port.CouponRepository;
import dev.commerce.coupon.application.port.IssuedCouponRepository;
import dev.commerce.coupon.application.port.OneStepIssue;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the coupon use cases to their ports with explicit bean methods: the application core is
 * never component-scanned. The adapters behind the ports are wired by each adapter package's own
 * configuration ({@code adapter.out.persistence}, {@code .lock}, {@code .atomic}, {@code .conditional},
 * {@code .breaker}), each selected by {@code commerce.coupon.strategy} ({@code lock}, the default;
 * {@code atomic}; {@code conditional}); exactly one {@link IssueCouponUseCase} exists.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CouponProperties.class)
class CouponConfiguration {

    @Bean
    CouponCatalog couponCatalog(CouponRepository coupons, IssuedCouponRepository issuedCoupons, Clock clock) {
        return new CouponCatalog(coupons, issuedCoupons, clock);
    }

    /** Redeem and release for the order module, the same whatever the issuing strategy. */
    @Bean
    CouponRedeemer couponRedeemer(CouponRepository coupons, IssuedCouponRepository issuedCoupons) {
        return new CouponRedeemer(coupons, issuedCoupons);
    }

    /** {@code strategy=lock}: the issuing transaction under the coupon's lock. */
    @Bean
    @ConditionalOnProperty(name = "commerce.coupon.strategy", havingValue = "lock", matchIfMissing = true)
    CouponIssuer couponIssuer(CouponRepository coupons, IssuedCouponRepository issuedCoupons, CouponLock couponLock,
            Clock clock, CouponProperties properties) {
        return new CouponIssuer(coupons, issuedCoupons, couponLock, clock, properties.lock().retryAfter());
    }

    /** {@code strategy=atomic|conditional}: the store issues in one indivisible step. */
    @Bean
    @ConditionalOnExpression("'${commerce.coupon.strategy:lock}'.toLowerCase() != 'lock'")
    OneStepCouponIssuer oneStepCouponIssuer(OneStepIssue store, Clock clock) {
        return new OneStepCouponIssuer(store, clock);
    }

    /** {@code strategy=atomic}: the recovery of claims the Redis script admitted and no request wrote. */
    @Bean
    @ConditionalOnProperty(name = "commerce.coupon.strategy", havingValue = "atomic")
    CouponClaimRecoverer couponClaimRecoverer(ClaimRecovery recovery) {
        return new CouponClaimRecoverer(recovery);
    }
}
