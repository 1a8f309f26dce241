package dev.commerce.bench;

import dev.commerce.infra.LocalTokenIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The bearer token every benchmark and soak request carries: an administrator's from the local
 * issuer, whose key the services the run starts (local mode) share. Administrators are not rate
 * limited, so the limiter's per-user budget does not cap the load these runs measure.
 */
final class BenchTokens {

    static final String AUTHORIZATION = "Bearer " + LocalTokenIssuer.shared().administrator(1, Duration.ofHours(24));

    private BenchTokens() {
    }

    /**
     * Authorization headers of {@code count} buyers, users {@code firstUser}, {@code firstUser + 1}, ...: minted up
     * front (an RSA signature each), so that a run can spread its requests over many callers and no caller nears
     * the per-user rate limit that buyers, unlike administrators, are subject to.
     */
    static List<String> buyers(long firstUser, int count) {
        LocalTokenIssuer issuer = LocalTokenIssuer.shared();
        List<String> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            headers.add("Bearer " + issuer.buyer(firstUser + i, Duration.ofHours(24)));
        }
        return headers;
    }
}
