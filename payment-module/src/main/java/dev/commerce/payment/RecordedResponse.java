package dev.commerce.payment;

import java.util.Objects;

/**
 * The response to a charge as it is recorded under its idempotency key and replayed: the HTTP
 * status and the exact JSON body first sent. The idempotency contract is about repeating the
 * first response byte for byte, so the use case deals in recorded responses rather than views.
 *
 * @param status   201 for an approval, 402 for a decline
 * @param body     the JSON text, sent as it is
 * @param replayed whether this response repeats one recorded by an earlier request
 */
public record RecordedResponse(int status, String body, boolean replayed) {

    public RecordedResponse {
        Objects.requireNonNull(body, "body");
    }

    /** A success carries a payment view; anything else is a problem detail. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public RecordedResponse asReplay() {
        return new RecordedResponse(status, body, true);
    }
}
