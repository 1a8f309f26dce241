package dev.commerce.order.adapter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Order settings ({@code commerce.order.*}).
 *
 * @param paymentLease        how long a payment holds its claim on the order; also the payment's time
 *                            budget: an order is payable only while its expiry is further away than
 *                            this. Must exceed the payment module's idempotency lease, so that a slow
 *                            payment never loses the order to the expiry sweep
 * @param keyLease            how long a request holds its Idempotency-Key before another may take it over
 * @param keyRetention        how long request keys (and their recorded answers) are kept
 * @param expirySweepInterval delay between two runs of the expiry sweep
 * @param expiryBatchSize     how many orders one sweep expires at most
 * @param placementRecoveryAfter how old a placement's journal note must be before the sweep takes it
 *                            for abandoned (its process died between redeeming the coupon and storing
 *                            the order) and gives the coupon and the stock back; must exceed
 *                            {@code keyLease}, the longest a placement may run
 */
@Validated
@ConfigurationProperties("commerce.order")
public record OrderProperties(
        @NotNull @DefaultValue("45s") Duration paymentLease,
        @NotNull @DefaultValue("60s") Duration keyLease,
        @NotNull @DefaultValue("24h") Duration keyRetention,
        @NotNull @DefaultValue("5s") Duration expirySweepInterval,
        @Min(1) @Max(10_000) @DefaultValue("100") int expiryBatchSize,
        @NotNull @DefaultValue("5m") Duration placementRecoveryAfter) {

    public OrderProperties {
        if (placementRecoveryAfter != null && keyLease != null && placementRecoveryAfter.compareTo(keyLease) <= 0) {
            throw new IllegalArgumentException("commerce.order.placement-recovery-after (" + placementRecoveryAfter
                    + ") must exceed commerce.order.key-lease (" + keyLease + "): a placement still running"
                    + " would be undone under it");
        }
    }
}
