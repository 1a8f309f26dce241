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
 * Closed workload: {@code bench.run.users} users, each reserving one unit again and again with no
 * think time, for {@code bench.seconds}. The SKU is drawn from {@code bench.skus} (one hot SKU,
 * or many to spread the load).
 */
public class ReserveStockSimulation extends Simulation {

    static final String SKUS = "bench.skus";
    private static final AtomicLong ORDERS = new AtomicLong();

    private final String[] skus = Simulations.property(SKUS).split(",");

    private final ScenarioBuilder reserve = scenario("reserve")
            // exitASAP=false: an iteration always finishes, so every request sent is also recorded
            .during(Simulations.duration(), false).on(
                    exec(Simulations.withOutcomeChecks(http("reserve").post("/api/v1/reservations")
                            .body(StringBody(session -> """
                                    {"orderId": "bench-%d", "lines": [{"sku": "%s", "quantity": 1}]}"""
                                    .formatted(ORDERS.incrementAndGet(),
                                            skus[ThreadLocalRandom.current().nextInt(skus.length)])))))
                    .exec(Simulations::record));

    {
        setUp(reserve.injectOpen(atOnceUsers(Simulations.users()))).protocols(Simulations.protocol());
    }
}
