package dev.commerce.payment.adapter.out.memory;

import dev.commerce.payment.application.port.GatewayCharge;
import dev.commerce.payment.application.port.GatewayChargeRequest;
import dev.commerce.payment.application.port.GatewayException;
import dev.commerce.payment.application.port.GatewayRefund;
import dev.commerce.payment.application.port.GatewayRefundRequest;
import dev.commerce.payment.application.port.GatewayRefusedException;
import dev.commerce.payment.application.port.PaymentGateway;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gateway in memory with the simulator's rules: one charge per key (a repeated key returns the
 * first charge), declines above {@link #DECLINE_ABOVE}, and faults injected for the next N calls.
 * It counts every charge request it receives and every charge it makes. Refunds: once per key, of
 * an approved charge, never more than is left of it.
 */
public final class FakePaymentGateway implements PaymentGateway {

    public static final long DECLINE_ABOVE = 5_000_000;

    private final Map<String, GatewayCharge> ledger = new ConcurrentHashMap<>();
    private final Map<String, GatewayRefund> refunds = new java.util.HashMap<>();
    private final AtomicInteger refundRequests = new AtomicInteger();
    private final AtomicInteger failRefunds = new AtomicInteger();
    private final AtomicInteger chargeRequests = new AtomicInteger();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicInteger transactionIds = new AtomicInteger();
    private final AtomicInteger failBeforeCharge = new AtomicInteger();
    private final AtomicInteger failAfterCharge = new AtomicInteger();
    private final AtomicInteger timeOutAfterCharge = new AtomicInteger();
    private final AtomicInteger failLookups = new AtomicInteger();
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private final CountDownLatch firstChargeArrived = new CountDownLatch(1);

    @Override
    public GatewayCharge charge(GatewayChargeRequest request) {
        chargeRequests.incrementAndGet();
        firstChargeArrived.countDown();
        awaitRelease();
        if (takeOne(failBeforeCharge)) {
            throw new GatewayException(GatewayException.Outcome.NOT_CHARGED, "injected: refused before charging");
        }
        GatewayCharge charge = ledger.computeIfAbsent(request.idempotencyKey(), key -> new GatewayCharge(
                "txn-" + transactionIds.incrementAndGet(), request.orderId(), request.amount(), request.currency(),
                request.amount() <= DECLINE_ABOVE));
        if (takeOne(failAfterCharge)) {
            throw new GatewayException(GatewayException.Outcome.UNKNOWN_FAILED, "injected: 500 after charging");
        }
        if (takeOne(timeOutAfterCharge)) {
            throw new GatewayException(GatewayException.Outcome.UNKNOWN_TIMED_OUT, "injected: timed out after charging");
        }
        return charge;
    }

    @Override
    public Optional<GatewayCharge> findByKey(String idempotencyKey) {
        lookups.incrementAndGet();
        if (takeOne(failLookups)) {
            throw new GatewayException(GatewayException.Outcome.UNKNOWN_TIMED_OUT, "injected: look-up timed out");
        }
        return Optional.ofNullable(ledger.get(idempotencyKey));
    }

    @Override
    public GatewayRefund refund(GatewayRefundRequest request) {
        refundRequests.incrementAndGet();
        if (takeOne(failRefunds)) {
            throw new GatewayException(GatewayException.Outcome.UNKNOWN_TIMED_OUT, "injected: refund timed out");
        }
        synchronized (refunds) {
            GatewayRefund earlier = refunds.get(request.idempotencyKey());
            if (earlier != null) {
                return earlier;
            }
            GatewayCharge charge = ledger.values().stream()
                    .filter(c -> c.transactionId().equals(request.transactionId())).findFirst()
                    .orElseThrow(() -> new GatewayRefusedException("no such charge " + request.transactionId()));
            long refunded = refunds.values().stream().filter(r -> r.transactionId().equals(charge.transactionId()))
                    .mapToLong(GatewayRefund::amount).sum();
            if (!charge.approved() || request.amount() > charge.amount() - refunded) {
                throw new GatewayRefusedException("nothing left to refund of " + charge.transactionId());
            }
            GatewayRefund refund = new GatewayRefund("rfd-" + refunds.size(), charge.transactionId(), request.amount(),
                    charge.currency());
            refunds.put(request.idempotencyKey(), refund);
            return refund;
        }
    }

    @Override
    public Optional<GatewayRefund> findRefundByKey(String refundKey) {
        synchronized (refunds) {
            return Optional.ofNullable(refunds.get(refundKey));
        }
    }

    /** Refunds made in total. */
    public int refunds() {
        synchronized (refunds) {
            return refunds.size();
        }
    }

    /** Refund requests received in total (repeats with a known key included). */
    public int refundRequests() {
        return refundRequests.get();
    }

    public void failRefundsNext(int n) {
        failRefunds.set(n);
    }

    /** Charges requested with this key, however many requests carried it. */
    public int chargesFor(String key) {
        return ledger.containsKey(key) ? 1 : 0;
    }

    /** The keys charges were made with, as forwarded. */
    public Set<String> chargedKeys() {
        return Set.copyOf(ledger.keySet());
    }

    /** Charges made in total. */
    public int charges() {
        return ledger.size();
    }

    /** Charge requests received in total (repeats with a known key included). */
    public int chargeRequests() {
        return chargeRequests.get();
    }

    public int lookups() {
        return lookups.get();
    }

    public void failBeforeChargeNext(int n) {
        failBeforeCharge.set(n);
    }

    public void failAfterChargeNext(int n) {
        failAfterCharge.set(n);
    }

    public void timeOutAfterChargeNext(int n) {
        timeOutAfterCharge.set(n);
    }

    public void failLookupsNext(int n) {
        failLookups.set(n);
    }

    /** Holds every charge request until {@link #release()}, like a slow gateway. */
    public void holdCharges() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    /** Waits (bounded) until a first charge request has arrived. */
    public boolean awaitFirstCharge() throws InterruptedException {
        return firstChargeArrived.await(30, TimeUnit.SECONDS);
    }

    /** Waits (bounded) until {@code n} charge requests have arrived. */
    public boolean awaitChargeRequests(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (chargeRequests.get() < n) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private void awaitRelease() {
        try {
            if (!hold.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("held charge never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean takeOne(AtomicInteger remaining) {
        return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
