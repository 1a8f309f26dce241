package dev.commerce.order.adapter.out.coupon;

import dev.commerce.coupon.RedeemCouponUseCase;
import dev.commerce.coupon.ReleaseCouponUseCase;
import dev.commerce.order.application.port.CouponRedemptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Coupon redemptions, through the coupon module's API. */
@Configuration(proxyBeanMethods = false)
class OrderCouponConfiguration {

    @Bean
    CouponRedemptions orderCouponRedemptions(RedeemCouponUseCase redeem, ReleaseCouponUseCase release) {
        return new CouponModuleRedemptions(redeem, release);
    }
}
