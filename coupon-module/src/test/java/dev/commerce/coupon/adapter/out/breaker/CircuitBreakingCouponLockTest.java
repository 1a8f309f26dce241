package dev.commerce.coupon.adapter.out.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.application.port.FencingToken;
import dev.commerce.coupon.application.port.CouponLock;
import dev.commerce.coupon.application.port.LockServiceUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CircuitBreakingCouponLockTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final BreakerMetrics metrics = new BreakerMetrics(meters);
    private final CircuitBreaker breaker = metrics.watch(CircuitBreaker.of("test", CircuitBreakerConfig.custom()
            .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofMinutes(1)).build()));
    private final CountingLock fallback = new CountingLock(() -> null);
    private final AtomicInteger workRuns = new AtomicInteger();

    @Test
    void a_failing_lock_service_falls_back_runs_the_work_once_and_opens_the_breaker() {
        CountingLock redis = new CountingLock(() -> {
            throw new LockServiceUnavailableException("Redis down", null);
        });
        CircuitBreakingCouponLock lock = new CircuitBreakingCouponLock(redis, fallback, breaker, metrics,
                Duration.ofSeconds(1));

        for (int i = 0; i < 6; i++) {
            assertThat(lock.withCouponLocked("c", this::work)).isEqualTo("done");
        }

        assertThat(workRuns).hasValue(6);
        assertThat(fallback.calls).hasValue(6);
        assertThat(redis.calls).as("not asked once the breaker opened").hasValue(4);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(meters.counter("coupon.lock.fallback").count()).isEqualTo(6);
        assertThat(meters.counter("coupon.lock.breaker.transitions", "from", "closed", "to", "open").count())
                .isEqualTo(1);
    }

    @Test
    void the_state_gauge_shows_the_breakers_current_state_and_the_transitions_exist_from_the_start() {
        CountingLock redis = new CountingLock(() -> {
            throw new LockServiceUnavailableException("Redis down", null);
        });
        CircuitBreakingCouponLock lock = new CircuitBreakingCouponLock(redis, fallback, breaker, metrics,
                Duration.ofSeconds(1));

        assertThat(state("closed")).isEqualTo(1);
        assertThat(state("open")).isEqualTo(0);
        assertThat(meters.counter("coupon.lock.breaker.transitions", "from", "closed", "to", "open").count())
                .as("registered at 0 before the first failure").isZero();

        for (int i = 0; i < 4; i++) {
            lock.withCouponLocked("c", this::work);
        }

        assertThat(state("closed")).isEqualTo(0);
        assertThat(state("open")).isEqualTo(1);
        assertThat(state("half_open")).isEqualTo(0);
        breaker.transitionToHalfOpenState();
        assertThat(state("open")).isEqualTo(0);
        assertThat(state("half_open")).isEqualTo(1);
    }

    private double state(String state) {
        return meters.get("coupon.lock.breaker.state").tag("state", state).gauge().value();
    }

    @Test
    void contention_is_answered_as_lock_unavailable_and_is_no_failure_of_the_lock_service() {
        CountingLock busy = new CountingLock(() -> {
            throw CouponException.lockUnavailable("busy", Duration.ofSeconds(1), null);
        });
        CircuitBreakingCouponLock lock = new CircuitBreakingCouponLock(busy, fallback, breaker, metrics,
                Duration.ofSeconds(1));

        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> lock.withCouponLocked("c", this::work)).isInstanceOfSatisfying(
                    CouponException.class, e -> assertThat(e.code()).isEqualTo(CouponErrorCode.LOCK_UNAVAILABLE));
        }

        assertThat(fallback.calls).hasValue(0);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void without_a_fallback_an_outage_is_lock_unavailable_and_the_work_never_runs() {
        CountingLock redis = new CountingLock(() -> {
            throw new LockServiceUnavailableException("Redis down", null);
        });
        CircuitBreakingCouponLock lock = new CircuitBreakingCouponLock(redis, null, breaker, metrics,
                Duration.ofSeconds(1));

        assertThatThrownBy(() -> lock.withCouponLocked("c", this::work)).isInstanceOfSatisfying(
                CouponException.class, e -> assertThat(e.code()).isEqualTo(CouponErrorCode.LOCK_UNAVAILABLE));
        assertThat(workRuns).hasValue(0);
    }

    private String work(FencingToken token) {
        workRuns.incrementAndGet();
        return "done";
    }

    /** A lock that fails as told before the work, or else runs it with token 1. */
    private static final class CountingLock implements CouponLock {

        final AtomicInteger calls = new AtomicInteger();
        private final Supplier<Object> before;

        CountingLock(Supplier<Object> before) {
            this.before = before;
        }

        @Override
        public <T> T withCouponLocked(String couponId, LockedWork<T> work) {
            calls.incrementAndGet();
            before.get();
            return work.run(new FencingToken(1, "test"));
        }
    }
}
