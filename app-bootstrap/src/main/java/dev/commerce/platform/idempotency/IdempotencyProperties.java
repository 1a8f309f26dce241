package dev.commerce.platform.idempotency;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Idempotency keys of the POSTs that do not keep their own ({@code commerce.idempotency.*}, ADR 12).
 *
 * @param enabled       {@code false}: no filter, the header is ignored as it was before
 * @param lease         how long a request owns its key; must exceed the longest request (lock waits
 *                      of seconds, database timeouts of up to 30 s). A key a crashed request left
 *                      {@code IN_PROGRESS} is answered 409 for this long, then taken over by a retry,
 *                      which runs the request again
 * @param keyRetention  how long completed keys are replayed before the sweep forgets them (and how
 *                      long after its lease a key left in progress by a crash is kept)
 * @param sweepInterval delay between two runs of the sweep (every instance runs it)
 */
@Validated
@ConfigurationProperties("commerce.idempotency")
public record IdempotencyProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("30s") Duration lease,
        @NotNull @DefaultValue("24h") Duration keyRetention,
        @NotNull @DefaultValue("1m") Duration sweepInterval) {

    public IdempotencyProperties {
        requirePositive(lease, "commerce.idempotency.lease");
        requirePositive(keyRetention, "commerce.idempotency.key-retention");
        requirePositive(sweepInterval, "commerce.idempotency.sweep-interval");
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
