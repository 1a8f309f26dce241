package dev.commerce.payment.adapter.out.gateway.simulator;

/**
 * Faults the simulator injects, set at runtime through {@code PUT /faults}. Counts, not rates, so
 * that tests are deterministic: each applies to the next N charge requests (or look-ups).
 *
 * @param latencyMillis           delay before every answer (charges, refunds and look-ups); the other
 *                                faults apply to charges and charge look-ups only
 * @param failBeforeChargeNext    answer 503 without charging
 * @param failAfterChargeNext     record the charge, then answer 500
 * @param timeoutAfterChargeNext  record the charge, then hold the answer for {@code hangMillis}
 *                                (longer than the client's read timeout) before sending it
 * @param hangMillis              how long a timed-out answer is held
 * @param failLookupsNext         answer the next N look-ups by key with 503
 */
public record GatewayFaults(long latencyMillis, int failBeforeChargeNext, int failAfterChargeNext,
        int timeoutAfterChargeNext, long hangMillis, int failLookupsNext) {

    public GatewayFaults {
        if (latencyMillis < 0 || failBeforeChargeNext < 0 || failAfterChargeNext < 0 || timeoutAfterChargeNext < 0
                || hangMillis < 0 || failLookupsNext < 0) {
            throw new IllegalArgumentException("fault settings must not be negative");
        }
    }

    public static GatewayFaults none(long hangMillis) {
        return new GatewayFaults(0, 0, 0, 0, hangMillis, 0);
    }
}
