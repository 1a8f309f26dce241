package dev.commerce.order.application.port;

import java.time.Instant;

/**
 * What is stored under a request key.
 *
 * @param fingerprint the canonical request first sent with the key
 * @param owner       the request working under the key (a fresh token per claim or take-over)
 * @param leaseUntil  until when that request is presumed alive
 * @param resourceId  the order the request is about (for a placement: the id the order gets)
 * @param outcome     the first answer once completed, else null
 */
public record KeyRecord(String fingerprint, String owner, Instant leaseUntil, String resourceId,
        RecordedOutcome outcome) {

    public boolean isCompleted() {
        return outcome != null;
    }
}
