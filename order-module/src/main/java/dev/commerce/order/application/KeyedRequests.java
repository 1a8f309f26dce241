package dev.commerce.order.application;

import dev.commerce.order.OrderErrorCode;
import dev.commerce.order.OrderException;
import dev.commerce.order.OrderResponse;
import dev.commerce.order.application.port.KeyRecord;
import dev.commerce.order.application.port.RecordedOutcome;
import dev.commerce.order.application.port.RequestKey;
import dev.commerce.order.application.port.RequestKeyStore;
import dev.commerce.shared.DomainException;
import dev.commerce.shared.ErrorCategory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a request once per key (the payment rules of API.md): the first request claims the key;
 * a repetition gets the recorded answer (success or final refusal), 422 with another request, 409
 * while the first runs. A failure that may pass on retry (upstream, busy, unexpected) is not
 * recorded: the key is released and a retry runs afresh.
 */
final class KeyedRequests {

    private static final int MAX_ROUNDS = 3;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    /** Refusals that a retry of the same request would meet again; recorded and replayed. */
    private static final Set<ErrorCategory> FINAL = EnumSet.of(ErrorCategory.INVALID_REQUEST,
            ErrorCategory.NOT_FOUND, ErrorCategory.CONFLICT, ErrorCategory.DECLINED, ErrorCategory.UNPROCESSABLE);

    private final RequestKeyStore keys;
    private final Clock clock;
    private final Duration lease;

    KeyedRequests(RequestKeyStore keys, Clock clock, Duration lease) {
        this.keys = keys;
        this.clock = clock;
        this.lease = lease;
    }

    /**
     * @param resourceId the resource a new request is about (for a placement, the new order's id);
     *                   a request that takes over a key works on the one recorded with it
     */
    OrderResponse run(RequestKey key, String fingerprint, Supplier<String> resourceId,
            Function<String, OrderResponse> work) {
        String owner = UUID.randomUUID().toString();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant now = clock.instant();
            String resource = resourceId.get();
            if (keys.claim(key, fingerprint, owner, resource, now, now.plus(lease))) {
                return runAsOwner(key, owner, resource, work);
            }
            Optional<KeyRecord> found = keys.find(key);
            if (found.isEmpty()) {
                continue;
            }
            KeyRecord record = found.get();
            if (!record.fingerprint().equals(fingerprint)) {
                throw new OrderException(OrderErrorCode.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used with a different request.");
            }
            if (record.isCompleted()) {
                return replay(record.outcome());
            }
            if (now.isBefore(record.leaseUntil())) {
                throw inProgress();
            }
            if (keys.takeOver(key, owner, now, now.plus(lease))) {
                return runAsOwner(key, owner, record.resourceId(), work);
            }
        }
        throw inProgress();
    }

    private OrderResponse runAsOwner(RequestKey key, String owner, String resource,
            Function<String, OrderResponse> work) {
        OrderResponse response;
        try {
            response = work.apply(resource);
        } catch (DomainException e) {
            if (isFinal(e)) {
                keys.complete(key, owner, RecordedOutcome.refusal(e.code().name(), e.code().category(), e.getMessage()),
                        clock.instant());
            } else {
                keys.release(key, owner);
            }
            throw e;
        } catch (RuntimeException e) {
            keys.release(key, owner);
            throw e;
        }
        keys.complete(key, owner, RecordedOutcome.success(response.status(), response.order()), clock.instant());
        return response;
    }

    private static boolean isFinal(DomainException e) {
        return FINAL.contains(e.code().category())
                && !e.code().name().equals(OrderErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS.name())
                && !e.code().name().equals(OrderErrorCode.LOCK_TIMEOUT.name());
    }

    private static OrderResponse replay(RecordedOutcome outcome) {
        if (outcome.carriesOrder()) {
            return new OrderResponse(outcome.status(), outcome.order(), true);
        }
        throw OrderException.replay(new RecordedCode(outcome.errorCode(), outcome.errorCategory()),
                outcome.errorDetail());
    }

    static OrderException inProgress() {
        return new OrderException(OrderErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS,
                "A request with this Idempotency-Key, or a payment of this order, is still in progress; retry later.",
                RETRY_AFTER, null);
    }
}
