package dev.commerce.coupon.adapter.out.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.adapter.out.memory.InMemoryOneStepIssue;
import dev.commerce.coupon.application.port.IssueStoreUnavailableException;
import dev.commerce.coupon.application.port.OneStepIssue;
import dev.commerce.coupon.application.port.OneStepIssue.IssueResult;
import dev.commerce.coupon.domain.IssuedCoupon;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CircuitBreakingOneStepIssueTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final BreakerMetrics metrics = new BreakerMetrics(meters);
    private final CircuitBreaker breaker = metrics.watch(CircuitBreaker.of("test", CircuitBreakerConfig.custom()
            .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofMinutes(1)).build()));
    private final InMemoryOneStepIssue database = new InMemoryOneStepIssue();

    @Test
    void an_unavailable_redis_falls_back_to_the_database_with_the_same_copy_and_opens_the_breaker() {
        database.addCoupon("c", 100);
        Recording redis = new Recording(copy -> {
            throw new IssueStoreUnavailableException("Redis down", null);
        });
        CircuitBreakingOneStepIssue port = new CircuitBreakingOneStepIssue(redis, database, breaker, metrics,
                Duration.ofSeconds(1));

        List<IssuedCoupon> copies = new ArrayList<>();
        for (int user = 1; user <= 6; user++) {
            IssuedCoupon copy = copy(user);
            copies.add(copy);
            assertThat(port.issue(copy)).isEqualTo(IssueResult.ISSUED);
        }

        assertThat(database.copiesOf("c")).containsExactlyInAnyOrderElementsOf(copies);
        assertThat(redis.calls).as("not asked once the breaker opened").hasSize(4);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(meters.counter("coupon.lock.fallback").count()).isEqualTo(6);
        assertThat(meters.counter("coupon.lock.breaker.transitions", "from", "closed", "to", "open").count())
                .isEqualTo(1);
    }

    @Test
    void refusals_and_database_failures_after_the_script_are_no_redis_failures_and_never_fall_back() {
        database.addCoupon("c", 100);
        Recording soldOut = new Recording(copy -> IssueResult.SOLD_OUT);
        CircuitBreakingOneStepIssue port = new CircuitBreakingOneStepIssue(soldOut, database, breaker, metrics,
                Duration.ofSeconds(1));
        for (int user = 1; user <= 6; user++) {
            assertThat(port.issue(copy(user))).isEqualTo(IssueResult.SOLD_OUT);
        }
        Recording postgresDown = new Recording(copy -> {
            throw new IllegalStateException("PostgreSQL down after the claim");
        });
        CircuitBreakingOneStepIssue failing = new CircuitBreakingOneStepIssue(postgresDown, database, breaker, metrics,
                Duration.ofSeconds(1));
        for (int user = 1; user <= 6; user++) {
            long u = user;
            assertThatThrownBy(() -> failing.issue(copy(u))).isInstanceOf(IllegalStateException.class);
        }

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(database.copiesOf("c")).as("the fallback never ran").isEmpty();
        assertThat(meters.counter("coupon.lock.fallback").count()).isZero();
    }

    @Test
    void a_busy_instance_answers_lock_unavailable_which_is_neither_a_success_nor_a_failure_of_redis() {
        database.addCoupon("c", 100);
        CircuitBreakingOneStepIssue busy = new CircuitBreakingOneStepIssue(new Recording(copy -> {
            throw CouponException.lockUnavailable("no script permit", Duration.ofSeconds(1), null);
        }), database, breaker, metrics, Duration.ofSeconds(1));
        CircuitBreakingOneStepIssue down = new CircuitBreakingOneStepIssue(new Recording(copy -> {
            throw new IssueStoreUnavailableException("Redis down", null);
        }), database, breaker, metrics, Duration.ofSeconds(1));

        // an outage seen by few requests while many others wait for a permit still opens the breaker
        for (int user = 1; user <= 12; user++) {
            long u = user;
            if (user % 3 == 0) {
                assertThat(down.issue(copy(u))).isEqualTo(IssueResult.ISSUED);
            } else {
                assertThatThrownBy(() -> busy.issue(copy(u))).isInstanceOfSatisfying(CouponException.class,
                        e -> assertThat(e.code()).isEqualTo(CouponErrorCode.LOCK_UNAVAILABLE));
            }
        }

        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isZero();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(database.copiesOf("c")).hasSize(4);
    }

    @Test
    void without_a_fallback_an_unavailable_redis_is_lock_unavailable_and_issues_nothing() {
        database.addCoupon("c", 100);
        CircuitBreakingOneStepIssue port = new CircuitBreakingOneStepIssue(new Recording(copy -> {
            throw new IssueStoreUnavailableException("Redis down", null);
        }), null, breaker, metrics, Duration.ofSeconds(1));

        assertThatThrownBy(() -> port.issue(copy(1))).isInstanceOfSatisfying(CouponException.class,
                e -> assertThat(e.code()).isEqualTo(CouponErrorCode.LOCK_UNAVAILABLE));
        assertThat(database.copiesOf("c")).isEmpty();
    }

    private static IssuedCoupon copy(long user) {
        return new IssuedCoupon("copy-" + user, "c", user, Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static final class Recording implements OneStepIssue {

        final List<IssuedCoupon> calls = new ArrayList<>();
        private final Function<IssuedCoupon, IssueResult> answer;

        Recording(Function<IssuedCoupon, IssueResult> answer) {
            this.answer = answer;
        }

        @Override
        public IssueResult issue(IssuedCoupon copy) {
            calls.add(copy);
            return answer.apply(copy);
        }
    }
}
