package dev.commerce.fullstack.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.coupon.IssueCouponUseCase;
import dev.commerce.coupon.adapter.out.lock.CircuitBreakingCouponLock;
import dev.commerce.coupon.application.CouponIssuer;
import dev.commerce.coupon.application.port.LockPort;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The default strategy ({@code commerce.coupon.strategy=lock}): the Redisson fenced lock with its fallback. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CouponConcurrencyIT extends CouponConcurrencyContract {

    @Override
    String strategy() {
        return "lock";
    }

    @Autowired
    IssueCouponUseCase issuer;

    @Autowired
    LockPort lockPort;

    @Test
    void the_lock_strategy_is_in_use() {
        assertThat(issuer).isInstanceOf(CouponIssuer.class);
        assertThat(lockPort).isInstanceOf(CircuitBreakingCouponLock.class);
    }
}
