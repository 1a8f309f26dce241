package dev.commerce.shared;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure that the API reports as a problem detail carrying {@link #code()}. Each module
 * subclasses it once; the single web advice maps every subclass the same way.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final Duration retryAfter;

    public DomainException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public DomainException(ErrorCode code, String message, Duration retryAfter, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfter = retryAfter;
    }

    public ErrorCode code() {
        return code;
    }

    /** How long a client should wait before retrying, for failures that may pass. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
