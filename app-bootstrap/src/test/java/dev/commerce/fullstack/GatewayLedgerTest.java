package dev.commerce.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.GatewayLedger.Charge;
import dev.commerce.fullstack.GatewayLedger.Payment;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The check the fault tests make of the gateway's ledger, on crafted rows: it fails when it should. */
class GatewayLedgerTest {

    private static final Charge CHARGED_ONCE = new Charge("7:fault-a", "o-fault-a", "txn_a", 15_000, "APPROVED", 3);
    private static final Payment RECORDED_ONCE = new Payment("p-a", "o-fault-a", "txn_a", 15_000, "APPROVED");

    @Test
    void one_charge_per_key_recorded_as_charged_is_clean_however_many_requests_carried_the_key() {
        GatewayLedger ledger = new GatewayLedger(
                List.of(CHARGED_ONCE, new Charge("7:fault-d", "o-fault-d", "txn_d", 9_000_000, "DECLINED", 1),
                        new Charge("7:fault-r", "o-fault-r", "txn_r", 15_000, "APPROVED", 1)),
                List.of(RECORDED_ONCE, new Payment("p-d", "o-fault-d", "txn_d", 9_000_000, "DECLINED"),
                        new Payment("p-r", "o-fault-r", "txn_r", 15_000, "REFUNDED")));

        assertThat(ledger.violations()).isEmpty();
        assertThat(ledger.summary()).contains("5 charge requests reached the gateway (2 deduplicated by key");
    }

    /**
     * The service sending one request's charge twice, under two gateway keys, while recording one
     * payment: the old check (ledger rows grouped by key, more than one) finds nothing, since the
     * key is the ledger's primary key; this one finds it three ways.
     */
    @Test
    void one_request_charged_twice_under_two_gateway_keys_is_found() {
        List<Charge> charges = List.of(CHARGED_ONCE,
                new Charge("7:fault-a#again", "o-fault-a", "txn_a2", 15_000, "APPROVED", 1));
        GatewayLedger ledger = new GatewayLedger(charges, List.of(RECORDED_ONCE));

        Map<String, Long> rowsPerKey = charges.stream()
                .collect(Collectors.groupingBy(Charge::gatewayKey, Collectors.counting()));
        assertThat(rowsPerKey).as("what the old check looked at").allSatisfy((key, rows) -> assertThat(rows).isOne());
        assertThat(ledger.violations()).containsExactlyInAnyOrder(
                "order o-fault-a: 2 approved charges at the gateway, under keys [7:fault-a, 7:fault-a#again]",
                "order o-fault-a: the gateway approved 30000, the service recorded 15000 as charged",
                "charge txn_a2 (key 7:fault-a#again, order o-fault-a, 15000) approved at the gateway, recorded by no payment");
    }

    @Test
    void a_charge_the_service_never_recorded_is_found() {
        GatewayLedger ledger = new GatewayLedger(List.of(CHARGED_ONCE), List.of());

        assertThat(ledger.violations()).containsExactlyInAnyOrder(
                "order o-fault-a: the gateway approved 15000, the service recorded 0 as charged",
                "charge txn_a (key 7:fault-a, order o-fault-a, 15000) approved at the gateway, recorded by no payment");
    }

    @Test
    void a_payment_whose_charge_differs_or_is_missing_at_the_gateway_is_found() {
        GatewayLedger ledger = new GatewayLedger(List.of(CHARGED_ONCE),
                List.of(new Payment("p-a", "o-fault-a", "txn_a", 16_000, "APPROVED"),
                        new Payment("p-b", "o-fault-b", "txn_b", 15_000, "APPROVED")));

        assertThat(ledger.violations()).containsExactlyInAnyOrder(
                "order o-fault-a: the gateway approved 15000, the service recorded 16000 as charged",
                "order o-fault-b: the gateway approved 0, the service recorded 15000 as charged",
                "payment p-a (APPROVED 16000 for o-fault-a): the gateway has APPROVED 15000 for o-fault-a",
                "payment p-b (APPROVED 15000): its charge txn_b is not at the gateway");
    }

    @Test
    void a_declined_charge_recorded_as_approved_is_found() {
        GatewayLedger ledger = new GatewayLedger(
                List.of(new Charge("7:fault-d", "o-fault-d", "txn_d", 15_000, "DECLINED", 1)),
                List.of(new Payment("p-d", "o-fault-d", "txn_d", 15_000, "APPROVED")));

        assertThat(ledger.violations()).containsExactlyInAnyOrder(
                "order o-fault-d: the gateway approved 0, the service recorded 15000 as charged",
                "payment p-d (APPROVED 15000 for o-fault-d): the gateway has DECLINED 15000 for o-fault-d");
    }
}
