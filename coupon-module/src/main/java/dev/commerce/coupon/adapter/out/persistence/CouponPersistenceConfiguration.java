package dev.commerce.coupon.adapter.out.persistence;

import dev.commerce.coupon.application.port.CouponRepository;
import dev.commerce.coupon.application.port.IssuedCouponRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The coupon and issued-coupon repositories, the same whatever the issuing strategy. */
@Configuration(proxyBeanMethods = false)
class CouponPersistenceConfiguration {

    @Bean
    CouponRepository couponRepository(JdbcClient jdbc) {
        return new JdbcCouponRepository(jdbc);
    }

    @Bean
    IssuedCouponRepository issuedCouponRepository(JdbcClient jdbc) {
        return new JdbcIssuedCouponRepository(jdbc);
    }
}
