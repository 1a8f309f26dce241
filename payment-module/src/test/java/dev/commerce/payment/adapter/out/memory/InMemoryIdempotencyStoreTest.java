package dev.commerce.payment.adapter.out.memory;

import dev.commerce.payment.application.port.IdempotencyPort;
import dev.commerce.payment.application.port.IdempotencyPortContract;

/** The {@link IdempotencyPort} contract on the in-memory twin. */
class InMemoryIdempotencyStoreTest extends IdempotencyPortContract {

    private final IdempotencyPort store = new InMemoryIdempotencyStore(new InMemoryTransactions());

    @Override
    protected IdempotencyPort store() {
        return store;
    }
}
