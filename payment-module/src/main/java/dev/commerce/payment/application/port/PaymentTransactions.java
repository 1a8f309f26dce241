package dev.commerce.payment.application.port;

import java.util.function.Supplier;

/**
 * Runs short work atomically: recording a payment and completing its key happen together or not
 * at all. Never used around a gateway call.
 */
public interface PaymentTransactions {

    /** Runs {@code work} in one transaction; if it throws, nothing it wrote persists. */
    <T> T inTransaction(Supplier<T> work);
}
