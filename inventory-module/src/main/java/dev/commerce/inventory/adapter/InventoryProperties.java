package dev.commerce.inventory.adapter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Inventory settings ({@code commerce.inventory.*}).
 *
 * @param reservationLifetime how long a PENDING reservation holds its stock before it expires
 * @param lockTimeout         how long a request waits for a stock row lock before LOCK_TIMEOUT
 * @param expirySweepInterval delay between two runs of the expiry sweep
 * @param expiryBatchSize     how many overdue reservations one sweep examines at most
 * @param strategy            how concurrent reservations are kept exact
 * @param optimisticMaxAttempts with the optimistic strategy, attempts before a request is answered LOCK_TIMEOUT
 * @param combineLimit        with the pessimistic strategy, most reservations of the same SKUs that queue in
 *                            one instance and are then placed together under one lock of their rows, in one
 *                            transaction; {@code 1} places each on its own
 */
@Validated
@ConfigurationProperties("commerce.inventory")
public record InventoryProperties(
        @NotNull @DefaultValue("10m") Duration reservationLifetime,
        @NotNull @DefaultValue("2s") Duration lockTimeout,
        @NotNull @DefaultValue("5s") Duration expirySweepInterval,
        @Min(1) @Max(10_000) @DefaultValue("500") int expiryBatchSize,
        @NotNull @DefaultValue("pessimistic") InventoryStrategy strategy,
        @Min(1) @Max(10_000) @DefaultValue("200") int optimisticMaxAttempts,
        @Min(1) @Max(1_000) @DefaultValue("32") int combineLimit) {
}
