package dev.commerce.order.application;

import java.time.Duration;
import java.util.Objects;

/**
 * @param paymentLease how long a payment claim on an order lasts; also the time budget of a payment:
 *                     an order is payable only while its expiry is more than this away
 * @param keyLease     how long a request holds its idempotency key before another may take it over
 */
public record OrderSettings(Duration paymentLease, Duration keyLease) {

    public OrderSettings {
        Objects.requireNonNull(paymentLease, "paymentLease");
        Objects.requireNonNull(keyLease, "keyLease");
    }
}
