package dev.commerce.coupon.adapter.in.scheduling;

import dev.commerce.coupon.RecoverCouponClaimsUseCase;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code commerce.coupon.strategy=atomic}: the recovery job, on the recovery use case. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "commerce.coupon.strategy", havingValue = "atomic")
class CouponSchedulingConfiguration {

    @Bean
    AtomicIssueRecoveryJob atomicIssueRecoveryJob(RecoverCouponClaimsUseCase recovery) {
        return new AtomicIssueRecoveryJob(recovery);
    }
}
