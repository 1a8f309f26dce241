package dev.commerce.payment.adapter.out.memory;

import dev.commerce.payment.PaymentStatus;
import dev.commerce.payment.application.port.PaymentRepository;
import dev.commerce.payment.domain.IdempotencyKey;
import dev.commerce.payment.domain.Payment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Payments in maps, unique per user's idempotency key like the table's constraint. */
public final class InMemoryPaymentRepository implements PaymentRepository {

    private final Map<IdempotencyKey, Payment> byKey = new ConcurrentHashMap<>();
    private final InMemoryPaymentTransactions transactions;

    public InMemoryPaymentRepository(InMemoryPaymentTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void save(Payment payment) {
        if (byKey.putIfAbsent(payment.idempotencyKey(), payment) != null) {
            throw new IllegalStateException("duplicate payment for key " + payment.idempotencyKey());
        }
        transactions.onRollback(() -> byKey.remove(payment.idempotencyKey(), payment));
    }

    @Override
    public Optional<Payment> findById(String id) {
        return byKey.values().stream().filter(payment -> payment.id().equals(id)).findFirst();
    }

    @Override
    public Optional<Payment> findByIdempotencyKey(IdempotencyKey idempotencyKey) {
        return Optional.ofNullable(byKey.get(idempotencyKey));
    }

    @Override
    public boolean markRefunded(String id, Instant refundedAt) {
        for (Payment payment : byKey.values()) {
            if (payment.id().equals(id) && payment.status() == PaymentStatus.APPROVED) {
                return byKey.replace(payment.idempotencyKey(), payment, new Payment(payment.id(), payment.orderId(),
                        payment.amount(), payment.currency(), PaymentStatus.REFUNDED, payment.gatewayTransactionId(),
                        payment.idempotencyKey(), payment.createdAt()));
            }
        }
        return false;
    }

    public List<Payment> findAll() {
        return List.copyOf(byKey.values());
    }
}
