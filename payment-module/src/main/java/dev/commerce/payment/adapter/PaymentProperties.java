package dev.commerce.payment.adapter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Payment settings ({@code commerce.payment.*}).
 *
 * @param gateway            the payment gateway
 * @param idempotencyLease   how long a request holds its key before another may take it over;
 *                           must exceed connect plus read timeout
 * @param keyRetention       how long completed keys are kept (and replayed) before the sweep deletes them
 * @param sweepInterval      delay between two runs of the key sweep
 * @param reconcileInterval  delay between two runs of the reconciler
 * @param reconcileAfter     how long a key stays unknown or past its lease before the reconciler
 *                           settles it (a client retry settles it sooner)
 * @param reconcileBatchSize how many keys one reconciler run settles at most
 * @param replayCacheSize    how many completed keys each instance keeps in memory to answer
 *                           replays without a database read (0: none); they are immutable, and
 *                           leave the memory when their retention ends
 */
@Validated
@ConfigurationProperties("commerce.payment")
public record PaymentProperties(
        @NotNull @DefaultValue Gateway gateway,
        @NotNull @DefaultValue("30s") Duration idempotencyLease,
        @NotNull @DefaultValue("24h") Duration keyRetention,
        @NotNull @DefaultValue("1m") Duration sweepInterval,
        @NotNull @DefaultValue("10s") Duration reconcileInterval,
        @NotNull @DefaultValue("1m") Duration reconcileAfter,
        @Min(1) @Max(10_000) @DefaultValue("100") int reconcileBatchSize,
        @Min(0) @Max(10_000_000) @DefaultValue("10000") int replayCacheSize) {

    public PaymentProperties {
        // a request that is merely slow must never lose its key to a retry
        if (gateway != null && idempotencyLease != null
                && idempotencyLease.compareTo(gateway.connectTimeout().plus(gateway.readTimeout())) <= 0) {
            throw new IllegalArgumentException("commerce.payment.idempotency-lease (" + idempotencyLease
                    + ") must exceed the gateway connect timeout plus read timeout");
        }
    }

    /**
     * @param url            the gateway's base URL; unset or empty: start the built-in simulator
     * @param connectTimeout how long to wait for a connection (a failure here surely charged nothing)
     * @param readTimeout    how long to wait for an answer once the request is sent (a failure
     *                       here leaves the outcome unknown)
     */
    public record Gateway(
            URI url,
            @NotNull @DefaultValue("1s") Duration connectTimeout,
            @NotNull @DefaultValue("3s") Duration readTimeout) {

        public boolean simulated() {
            return url == null || url.toString().isBlank();
        }
    }
}
