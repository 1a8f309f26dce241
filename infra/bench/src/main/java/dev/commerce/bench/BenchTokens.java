package dev.commerce.bench;

import dev.commerce.infra.LocalTokenIssuer;
import java.time.Duration;

/**
 * The bearer token every benchmark and soak request carries: an administrator's from the local
 * issuer, whose key the services the run starts (local mode) share. Administrators are not rate
 * limited, so the limiter's per-user budget does not cap the load these runs measure.
 */
final class BenchTokens {

    static final String AUTHORIZATION = "Bearer " + LocalTokenIssuer.shared().administrator(1, Duration.ofHours(24));

    private BenchTokens() {
    }
}
