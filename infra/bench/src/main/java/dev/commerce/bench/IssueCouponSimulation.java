package dev.commerce.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed workload on one hot coupon ({@code bench.coupon}): every request comes from a user who
 * has not asked before, so each answer is an issue (or sold out once the coupon runs out).
 */
public class IssueCouponSimulation extends Simulation {

    static final String COUPON = "bench.coupon";
    static final String FIRST_USER = "bench.firstUser";

    private final AtomicLong users = new AtomicLong(Long.getLong(FIRST_USER, 1));
    private final String coupon = Simulations.property(COUPON);

    private final ScenarioBuilder issue = scenario("issue coupon")
            // exitASAP=false: an iteration always finishes, so every request sent is also recorded
            .during(Simulations.duration(), false).on(
                    exec(Simulations.withOutcomeChecks(http("issue").post("/api/v1/coupons/" + coupon + "/issues")
                            .body(StringBody(session -> "{\"userId\": " + users.getAndIncrement() + "}"))))
                    .exec(Simulations::record));

    {
        setUp(issue.injectOpen(atOnceUsers(Simulations.users()))).protocols(Simulations.protocol());
    }
}
