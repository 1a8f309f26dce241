package dev.commerce.platform.idempotency;

import java.util.Objects;

/**
 * A response as it is replayed: status, the headers that describe the body and what was created,
 * and the exact body bytes.
 *
 * @param contentType the {@code Content-Type}, or null when the response had none
 * @param location    the {@code Location}, or null
 */
public record StoredResponse(int status, String contentType, String location, byte[] body) {

    public StoredResponse {
        Objects.requireNonNull(body, "body");
    }
}
