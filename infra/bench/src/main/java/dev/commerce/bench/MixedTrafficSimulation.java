package dev.commerce.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's traffic, spread over every instance in {@code bench.baseUrls}: shoppers reserving
 * one or two of {@code bench.skus} and then confirming (half), cancelling (a quarter) or walking
 * away (a quarter, left to expire); coupon hunters asking for one of {@code bench.coupons} with
 * user ids drawn from a small range, so that repeats and sold-out coupons happen; payers charging
 * fresh keys, and retrying one in five with the same key and body; buyers placing an order of one or
 * two units of one SKU and then paying it (60 %, and replaying one payment in five with its key),
 * cancelling it (20 %) or walking away (20 %, left to expire). A quarter of the users each.
 */
public class MixedTrafficSimulation extends Simulation {

    static final String BASE_URLS = "bench.baseUrls";
    static final String SKUS = "bench.skus";
    static final String COUPONS = "bench.coupons";
    static final String RUN = "bench.run";

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final String[] skus = Simulations.property(SKUS).split(",");
    private final String[] coupons = Simulations.property(COUPONS).split(",");
    private final String run = Simulations.property(RUN);

    private final ChainBuilder reserve = exec(session -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String first = skus[random.nextInt(skus.length)];
        String second = skus[random.nextInt(skus.length)];
        String lines = first.equals(second) || random.nextBoolean()
                ? "[{\"sku\": \"%s\", \"quantity\": %d}]".formatted(first, 1 + random.nextInt(3))
                : "[{\"sku\": \"%s\", \"quantity\": 1}, {\"sku\": \"%s\", \"quantity\": 1}]".formatted(first, second);
        return session.set("order", "{\"orderId\": \"" + run + "-" + SEQUENCE.incrementAndGet() + "\", \"lines\": " + lines + "}")
                .remove("reservation");
    })
            .exec(Simulations.withOutcomeChecks(http("reserve").post("/api/v1/reservations").body(StringBody("#{order}")))
                    .checkIf((response, session) -> response.status().code() == 201)
                    .then(jsonPath("$.id").saveAs("reservation")))
            .exec(Simulations.record("reserve"))
            .doIf(session -> session.contains("reservation")).then(
                    randomSwitch().on(
                            percent(50.0).then(exec(Simulations.withOutcomeChecks(
                                    http("confirm").post("/api/v1/reservations/#{reservation}/confirm")))
                                    .exec(Simulations.record("confirm"))),
                            percent(25.0).then(exec(Simulations.withOutcomeChecks(
                                    http("cancel").post("/api/v1/reservations/#{reservation}/cancel")))
                                    .exec(Simulations.record("cancel")))));

    private final ChainBuilder issue = exec(session -> session
            .set("coupon", coupons[ThreadLocalRandom.current().nextInt(coupons.length)])
            .set("user", 1 + ThreadLocalRandom.current().nextInt(50_000)))
            .exec(Simulations.withOutcomeChecks(http("issue").post("/api/v1/coupons/#{coupon}/issues")
                    .body(StringBody("{\"userId\": #{user}}"))))
            .exec(Simulations.record("issue"));

    private final ChainBuilder pay = exec(session -> {
        boolean retry = session.contains("key") && ThreadLocalRandom.current().nextInt(5) == 0;
        return retry ? session : session.set("key", run + "-pay-" + SEQUENCE.incrementAndGet());
    })
            .exec(Simulations.withOutcomeChecks(http("charge").post("/api/v1/payments")
                    .header("Idempotency-Key", "#{key}")
                    .body(StringBody(session -> ChargePaymentSimulation.body(session.getString("key"))))))
            .exec(Simulations.record("charge"));

    private final ChainBuilder payOrder = exec(Simulations.withOutcomeChecks(
            http("pay").post("/api/v1/orders/#{order}/payment").header("Idempotency-Key", "#{payKey}")
                    .body(StringBody("{}"))));

    private final ChainBuilder checkout = exec(session -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long n = SEQUENCE.incrementAndGet();
        return session.set("placeKey", run + "-order-" + n).set("payKey", run + "-order-pay-" + n)
                .set("orderBody", "{\"lines\": [{\"sku\": \"%s\", \"quantity\": %d}]}"
                        .formatted(skus[random.nextInt(skus.length)], 1 + random.nextInt(2)))
                .remove("order");
    })
            .exec(Simulations.withOutcomeChecks(http("place").post("/api/v1/orders")
                            .header("Idempotency-Key", "#{placeKey}").body(StringBody("#{orderBody}")))
                    .checkIf((response, session) -> response.status().code() == 201)
                    .then(jsonPath("$.id").saveAs("order")))
            .exec(Simulations.record("place"))
            .doIf(session -> session.contains("order")).then(
                    randomSwitch().on(
                            percent(60.0).then(exec(payOrder).exec(Simulations.record("pay"))
                                    .randomSwitch().on(percent(20.0).then(
                                            exec(payOrder).exec(Simulations.record("pay replay"))))),
                            percent(20.0).then(exec(Simulations.withOutcomeChecks(
                                    http("cancel order").post("/api/v1/orders/#{order}/cancel")))
                                    .exec(Simulations.record("cancel order")))));

    private ScenarioBuilder looping(String name, ChainBuilder chain) {
        // exitASAP=false: an iteration always finishes, so every request sent is also recorded
        return scenario(name).during(Simulations.duration(), false).on(chain);
    }

    {
        int users = Simulations.users();
        int quarter = Math.max(1, users / 4);
        HttpProtocolBuilder protocol = Simulations.protocol()
                .baseUrls(Simulations.property(BASE_URLS).split(","));
        setUp(
                looping("shoppers", reserve).injectOpen(atOnceUsers(quarter)),
                looping("coupon hunters", issue).injectOpen(atOnceUsers(quarter)),
                looping("payers", pay).injectOpen(atOnceUsers(quarter)),
                looping("buyers", checkout).injectOpen(atOnceUsers(Math.max(1, users - 3 * quarter))))
                .protocols(protocol);
    }
}
