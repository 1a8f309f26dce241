package dev.commerce.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed workload of checkouts: {@code bench.run.users} users, each placing an order of one unit of
 * one of {@code bench.skus} with a fresh Idempotency-Key, then paying it with another fresh key, again
 * and again with no think time, for {@code bench.seconds}. Both requests are recorded, as
 * {@code place} and {@code pay}; an order whose placement was refused is not paid.
 */
public class CheckoutSimulation extends Simulation {

    static final String SKUS = "bench.skus";
    static final String RUN = "bench.checkout.run";

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final String[] skus = Simulations.property(SKUS).split(",");
    private final String run = Simulations.property(RUN);

    private final ScenarioBuilder checkout = scenario("checkout")
            // exitASAP=false: an iteration always finishes, so every request sent is also recorded
            .during(Simulations.duration(), false).on(
                    exec(session -> {
                        long n = SEQUENCE.incrementAndGet();
                        return session.set("placeKey", run + "-place-" + n).set("payKey", run + "-pay-" + n)
                                .set("sku", skus[ThreadLocalRandom.current().nextInt(skus.length)])
                                .remove("order");
                    })
                    .exec(Simulations.withOutcomeChecks(http("place").post("/api/v1/orders")
                                    .header("Idempotency-Key", "#{placeKey}")
                                    .body(StringBody("{\"lines\": [{\"sku\": \"#{sku}\", \"quantity\": 1}]}")))
                            .checkIf((response, session) -> response.status().code() == 201)
                            .then(jsonPath("$.id").saveAs("order")))
                    .exec(Simulations.record("place"))
                    .doIf(session -> session.contains("order")).then(
                            exec(Simulations.withOutcomeChecks(http("pay").post("/api/v1/orders/#{order}/payment")
                                    .header("Idempotency-Key", "#{payKey}")
                                    .body(StringBody("{}"))))
                            .exec(Simulations.record("pay"))));

    {
        setUp(checkout.injectOpen(atOnceUsers(Simulations.users()))).protocols(Simulations.protocol());
    }
}
