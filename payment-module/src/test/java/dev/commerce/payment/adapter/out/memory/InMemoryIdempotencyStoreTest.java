package dev.commerce.payment.adapter.out.memory;

import dev.commerce.payment.application.port.IdempotencyStore;
import dev.commerce.payment.application.port.IdempotencyStoreContract;

/** The {@link IdempotencyStore} contract on the in-memory twin. */
class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {

    private final IdempotencyStore store = new InMemoryIdempotencyStore(new InMemoryPaymentTransactions());

    @Override
    protected IdempotencyStore store() {
        return store;
    }
}
