package dev.commerce.order.adapter.out.memory;

import dev.commerce.order.application.port.OrderPayments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A gateway behind the payment module in memory: once per charge key, declines amounts above
 * {@link #DECLINE_ABOVE}; records every charge; a hook runs during a charge (to race it).
 */
public class FakeOrderPayments implements OrderPayments {

    public static final long DECLINE_ABOVE = 5_000_000;

    public record Charge(String key, String orderId, long amount, boolean approved, String paymentId) {
    }

    private final Map<String, Charge> byKey = new HashMap<>();
    private final List<Charge> charges = new ArrayList<>();
    private volatile Runnable duringCharge = () -> { };
    private volatile Supplier<RuntimeException> failure;
    private volatile Supplier<RuntimeException> refundFailure;
    private final java.util.concurrent.atomic.AtomicInteger refundFailures = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.Set<String> refunded = new java.util.LinkedHashSet<>();

    public void duringCharge(Runnable hook) {
        this.duringCharge = hook;
    }

    public void failWith(Supplier<RuntimeException> next) {
        this.failure = next;
    }

    @Override
    public Outcome charge(long userId, String chargeKey, String orderId, long amount, String currency) {
        duringCharge.run();
        Supplier<RuntimeException> failing = failure;
        if (failing != null) {
            failure = null;
            throw failing.get();
        }
        synchronized (this) {
            Charge charge = byKey.computeIfAbsent(chargeKey, key -> {
                Charge made = new Charge(key, orderId, amount, amount <= DECLINE_ABOVE, UUID.randomUUID().toString());
                charges.add(made);
                return made;
            });
            return new Outcome(charge.approved(), charge.paymentId());
        }
    }

    @Override
    public void refund(String paymentId) {
        Supplier<RuntimeException> failing = refundFailure;
        if (failing != null && refundFailures.getAndDecrement() > 0) {
            throw failing.get();
        }
        synchronized (this) {
            Charge charge = charges.stream().filter(c -> c.paymentId().equals(paymentId) && c.approved()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no approved payment " + paymentId));
            refunded.add(charge.paymentId());
        }
    }

    /** The next {@code times} refunds fail with {@code failure}. */
    public void failNextRefundsWith(int times, Supplier<RuntimeException> failure) {
        this.refundFailure = failure;
        this.refundFailures.set(times);
    }

    /** Payments refunded (each once, however often asked). */
    public synchronized java.util.Set<String> refunded() {
        return java.util.Set.copyOf(refunded);
    }

    public synchronized List<Charge> charges() {
        return List.copyOf(charges);
    }

    public synchronized long approvedFor(String orderId) {
        return charges.stream().filter(c -> c.orderId().equals(orderId) && c.approved()).count();
    }
}
