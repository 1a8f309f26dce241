package dev.commerce.order.adapter.out.memory;

import dev.commerce.order.application.port.OrderTransactions;
import java.util.function.Supplier;

/** Runs the work as it is: the in-memory adapters are atomic per call. */
public class DirectTransactions implements OrderTransactions {

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }
}
