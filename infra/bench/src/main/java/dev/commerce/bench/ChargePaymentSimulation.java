package dev.commerce.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed workload of payments. With {@code bench.payment.replayKeys} unset every request carries
 * a fresh idempotency key (a real charge through the gateway simulator); with it set, every
 * request replays one of those completed keys with its original body.
 */
public class ChargePaymentSimulation extends Simulation {

    static final String RUN = "bench.payment.run";
    static final String REPLAY_KEYS = "bench.payment.replayKeys";

    private static final AtomicLong FRESH = new AtomicLong();

    private final String run = Simulations.property(RUN);
    private final String[] replayKeys = System.getProperty(REPLAY_KEYS, "").isEmpty()
            ? new String[0] : System.getProperty(REPLAY_KEYS).split(",");

    private final ScenarioBuilder charge = scenario(replayKeys.length == 0 ? "charge fresh keys" : "replay keys")
            .during(Simulations.duration(), false).on(
                    exec(session -> session.set("key", nextKey()))
                    .exec(Simulations.withOutcomeChecks(http("charge").post("/api/v1/payments")
                            .header("Idempotency-Key", "#{key}")
                            .body(StringBody(session -> body(session.getString("key"))))))
                    .exec(Simulations::record));

    {
        setUp(charge.injectOpen(atOnceUsers(Simulations.users()))).protocols(Simulations.protocol());
    }

    private String nextKey() {
        return replayKeys.length == 0
                ? run + "-" + FRESH.incrementAndGet()
                : replayKeys[ThreadLocalRandom.current().nextInt(replayKeys.length)];
    }

    /** The body is derived from the key, so a replay sends exactly the first request's body. */
    static String body(String key) {
        return "{\"orderId\": \"" + key + "\", \"amount\": 15000, \"currency\": \"KRW\"}";
    }
}
