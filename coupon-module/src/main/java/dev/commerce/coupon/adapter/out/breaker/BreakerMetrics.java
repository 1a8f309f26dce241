package dev.commerce.coupon.adapter.out.breaker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * The meters of the Redis circuit breaker shared by the lock and atomic strategies:
 * {@code coupon.lock.fallback} and {@code coupon.lock.breaker.transitions} (tagged {@code from},
 * {@code to}) counters and the {@code coupon.lock.breaker.state} gauge (tagged {@code state}: 1 for
 * the breaker's current state, 0 for the others). Names keep the {@code coupon.lock} prefix the
 * dashboards and alerts know.
 */
final class BreakerMetrics {

    private final MeterRegistry registry;

    BreakerMetrics(MeterRegistry registry) {
        this.registry = registry;
        fallbackCounter();
    }

    void fallbackUsed() {
        fallbackCounter().increment();
    }

    private Counter transitionCounter(String from, String to) {
        return Counter.builder("coupon.lock.breaker.transitions")
                .description("State transitions of the circuit breaker around Redis for coupons")
                .tag("from", from).tag("to", to)
                .register(registry);
    }

    /**
     * Watches {@code breaker} (once, where a decorator puts it to use): counts each of its state transitions in
     * {@code coupon.lock.breaker.transitions{from, to}}; exports its current state as
     * {@code coupon.lock.breaker.state{state}}, one series per Resilience4j state ({@code closed},
     * {@code open}, {@code half_open}, ...), 1 for the current one, read at every scrape; and registers
     * the usual transitions ({@code closed -> open -> half_open -> closed}, {@code half_open -> open})
     * at 0, so that the dashboard and alerts see a count of 0 rather than no data before Redis first
     * fails. Alerts need the state itself: the transition counters start again at 0 when an instance
     * restarts and say nothing about a breaker that opened before.
     *
     * @return {@code breaker}
     */
    CircuitBreaker watch(CircuitBreaker breaker) {
        breaker.getEventPublisher().onStateTransition(event -> transitionCounter(
                event.getStateTransition().getFromState().name().toLowerCase(Locale.ROOT),
                event.getStateTransition().getToState().name().toLowerCase(Locale.ROOT)).increment());
        for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
            Gauge.builder("coupon.lock.breaker.state", breaker, b -> b.getState() == state ? 1 : 0)
                    .description("State of the circuit breaker around Redis for coupons: 1 for the current state")
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .strongReference(true)
                    .register(registry);
        }
        for (String[] transition : new String[][] {
            {"closed", "open"}, {"open", "half_open"}, {"half_open", "closed"}, {"half_open", "open"}}) {
            transitionCounter(transition[0], transition[1]);
        }
        return breaker;
    }

    private Counter fallbackCounter() {
        return Counter.builder("coupon.lock.fallback")
                .description("Coupon locks taken in PostgreSQL because the Redisson lock was unavailable")
                .register(registry);
    }
}
