package dev.commerce.payment.adapter.out.memory;

import dev.commerce.payment.application.port.PaymentRepository;
import dev.commerce.payment.domain.IdempotencyKey;
import dev.commerce.payment.domain.Payment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Payments in maps, unique per user's idempotency key like the table's constraint. */
public final class InMemoryPaymentRepository implements PaymentRepository {

    private final Map<IdempotencyKey, Payment> byKey = new ConcurrentHashMap<>();
    private final InMemoryTransactions transactions;

    public InMemoryPaymentRepository(InMemoryTransactions transactions) {
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

    public List<Payment> findAll() {
        return List.copyOf(byKey.values());
    }
}
