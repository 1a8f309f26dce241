package dev.commerce.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * The HTTP floor: the same closed workload against {@code GET /actuator/info}, which touches
 * neither the database nor Redis. What the service cannot go below on this machine for any
 * request, with the load generator sharing its cores: the baseline of the payment replays.
 */
public class HttpFloorSimulation extends Simulation {

    private final ScenarioBuilder ping = scenario("http floor")
            // exitASAP=false: an iteration always finishes, so every request sent is also recorded
            .during(Simulations.duration(), false).on(
                    exec(Simulations.withOutcomeChecks(http("info").get("/actuator/info")))
                    .exec(Simulations::record));

    {
        setUp(ping.injectOpen(atOnceUsers(Simulations.users()))).protocols(Simulations.protocol());
    }
}
