package dev.commerce.fullstack.payment;

import static dev.commerce.fullstack.payment.PaymentTestSupport.body;
import static dev.commerce.fullstack.payment.PaymentTestSupport.newKey;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.CommerceApplication;
import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import dev.commerce.testing.ConcurrentRun;
import dev.commerce.payment.adapter.out.gateway.simulator.GatewaySimulator;
import dev.commerce.testing.Figures;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the service on one database, each with its own gateway simulator (their ledger
 * is shared, as a real gateway's would be): the key claim and the gateway's deduplication hold
 * across instances. The second instance is the one extra application context of the suite.
 */
class PaymentTwoInstancesIT extends FullStackTest {

    private static ConfigurableApplicationContext second;

    @Autowired
    GatewaySimulator simulator;

    private PaymentTestSupport instanceA;
    private PaymentTestSupport instanceB;

    @BeforeAll
    static void startSecondInstance() {
        second = new SpringApplicationBuilder(CommerceApplication.class).run("--server.port=0");
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @BeforeEach
    void setUp() {
        instanceA = new PaymentTestSupport(port, jdbc, simulator);
        int secondPort = Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port"));
        instanceB = new PaymentTestSupport(secondPort, jdbc, second.getBean(GatewaySimulator.class));
    }

    @AfterEach
    void resetFaults() {
        instanceA.resetFaults();
        instanceB.resetFaults();
    }

    @Test
    void one_hundred_identical_requests_spread_over_two_instances_charge_once() {
        String key = newKey();
        instanceA.faults("{\"latencyMillis\": 300}");
        instanceB.faults("{\"latencyMillis\": 300}");

        List<Response> responses = ConcurrentRun.results(100, worker ->
                (worker % 2 == 0 ? instanceA : instanceB).charge(key, body("o-1", 15_000)));

        List<Response> firsts = responses.stream()
                .filter(r -> r.status() == 201 && r.header("Idempotent-Replayed") == null).toList();
        assertThat(firsts).hasSize(1);
        Map<String, Long> kinds = new TreeMap<>(responses.stream().collect(groupingBy(r -> r == firsts.getFirst()
                ? "FIRST_201"
                : r.status() == 201 && r.body().equals(firsts.getFirst().body())
                        && "true".equals(r.header("Idempotent-Replayed")) ? "REPLAY_201" : r.status() + "_" + r.code(),
                counting())));
        String figures = Figures.report("PaymentTwoInstancesIT",
                "100 identical requests over two instances: outcomes=%s "
                + "gatewayCharges=%d gatewayChargeRequests=%d paymentRows=%d", kinds, instanceA.gatewayCharges(key),
                instanceA.gatewayChargeRequests(key), instanceA.payments(key));
        assertThat(kinds.keySet())
                .as(figures).isSubsetOf("FIRST_201", "REPLAY_201", "409_IDEMPOTENCY_REQUEST_IN_PROGRESS");
        instanceA.assertChargedOnce(key);
    }

    @Test
    void a_time_out_on_one_instance_is_settled_by_a_retry_on_the_other_without_a_second_charge() {
        String key = newKey();
        instanceA.faults("{\"timeoutAfterChargeNext\": 1}");

        Response first = instanceA.charge(key, body("o-1", 15_000));
        Response retry = instanceB.charge(key, body("o-1", 15_000));

        assertThat(first.status()).isEqualTo(504);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().path("status").asString()).isEqualTo("APPROVED");
        instanceA.assertChargedOnce(key);
    }
}
