package dev.commerce.order.application.port;

import java.util.function.Supplier;

/** Runs short work in one transaction: a status change and its event. Never around a call to another module. */
public interface OrderTransactions {

    <T> T inTransaction(Supplier<T> work);
}
