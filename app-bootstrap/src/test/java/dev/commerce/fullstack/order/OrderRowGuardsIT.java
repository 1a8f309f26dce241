package dev.commerce.fullstack.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.testing.ConcurrentRun;
import dev.commerce.fullstack.StoresOnly;
import dev.commerce.order.adapter.out.persistence.JdbcOrderRepository;
import dev.commerce.order.adapter.out.persistence.JdbcPlacementJournal;
import dev.commerce.order.application.port.PlacementJournal;
import dev.commerce.order.domain.Order;
import dev.commerce.order.domain.OrderLine;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The order module's SQL guards, each alone, on real PostgreSQL: the conditions of the conditional
 * statements on the order row and on the placement journal. The use-case tests run on in-memory
 * adapters, and over HTTP these guards sit behind others (the payment module's key deduplicates
 * a second payer's charge anyway), so each is proven here by calling the JDBC adapter directly,
 * concurrently where the guard is about concurrency; removing any one condition fails a test.
 */
@SpringBootTest(classes = StoresOnly.class)
class OrderRowGuardsIT {

    private static final Duration LEASE = Duration.ofSeconds(45);

    @Autowired
    JdbcClient jdbc;

    /** What a test wrote, deleted after it: the rows are not consistent with the other modules. */
    private final List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void deleteWhatWasWritten() {
        for (String id : written) {
            jdbc.sql("DELETE FROM orders.order_line WHERE order_id = ?").param(id).update();
            jdbc.sql("DELETE FROM orders.\"order\" WHERE id = ?").param(id).update();
            jdbc.sql("DELETE FROM orders.placement WHERE order_id = ?").param(id).update();
        }
    }

    private String newId() {
        String id = UUID.randomUUID().toString();
        written.add(id);
        return id;
    }

    private JdbcOrderRepository orders() {
        return new JdbcOrderRepository(jdbc);
    }

    /** A stored order awaiting payment, expiring an hour after {@code now}. */
    private Order order(Instant now) {
        Order order = Order.place(newId(), ThreadLocalRandom.current().nextLong(1, 1_000_000_000),
                List.of(new OrderLine("guard-sku", 1, 1_000)), "KRW", null, 0, UUID.randomUUID().toString(),
                now.plus(Duration.ofHours(1)), now);
        orders().insert(order);
        return order;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void the_payment_claim_admits_one_of_ten_concurrent_payers_until_its_lease_ends() {
        Instant now = now();
        Order order = order(now);
        Instant payableUntil = order.payableUntil(LEASE);

        List<Optional<Integer>> claims = ConcurrentRun.results(10, i -> orders().claimPayment(order.id(), "payer-" + i, now,
                now.plus(LEASE), payableUntil));

        assertThat(claims.stream().filter(Optional::isPresent).count()).as("payers holding the claim").isEqualTo(1);
        int winner = claims.indexOf(claims.stream().filter(Optional::isPresent).findFirst().orElseThrow());
        assertThat(jdbc.sql("SELECT payment_claim FROM orders.\"order\" WHERE id = ?").param(order.id())
                .query(String.class).single()).isEqualTo("payer-" + winner);
        // while the lease lasts nobody else gets it; once it ended (a dead payer) the next one does
        assertThat(orders().claimPayment(order.id(), "late", now.plus(LEASE).minusMillis(1),
                now.plus(LEASE).plus(LEASE), payableUntil)).isEmpty();
        assertThat(orders().claimPayment(order.id(), "after-lease", now.plus(LEASE), now.plus(LEASE).plus(LEASE),
                payableUntil)).isPresent();
    }

    @Test
    void the_payment_claim_is_refused_to_orders_past_their_payable_window_or_not_awaiting_payment() {
        Instant now = now();
        Order order = order(now);
        Instant payableUntil = order.payableUntil(LEASE);

        assertThat(orders().claimPayment(order.id(), "p", payableUntil, payableUntil.plus(LEASE), payableUntil))
                .as("at the end of the payable window").isEmpty();
        assertThat(orders().markCancelled(order.id(), now)).isTrue();
        assertThat(orders().claimPayment(order.id(), "p", now, now.plus(LEASE), payableUntil))
                .as("a cancelled order").isEmpty();
    }

    @Test
    void a_cancel_and_the_expiry_wait_for_a_live_payment_claim_and_proceed_after_it() {
        Instant now = now();
        Order order = order(now);
        assertThat(orders().claimPayment(order.id(), "payer", now, now.plus(LEASE), order.payableUntil(LEASE)))
                .isPresent();

        assertThat(orders().markCancelled(order.id(), now.plusSeconds(1))).as("cancel while paying").isFalse();
        Instant overdue = order.expiresAt();
        assertThat(orders().markExpired(order.id(), overdue.minusMillis(1))).as("expiry before expires_at").isFalse();
        // a claim that would still be live at the expiry (clock skew, a hung request): the sweep waits
        jdbc.sql("UPDATE orders.\"order\" SET payment_claim_until = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(overdue.plusSeconds(10)), order.id()).update();
        assertThat(orders().markExpired(order.id(), overdue)).as("expiry while the claim is live").isFalse();
        assertThat(orders().markExpired(order.id(), overdue.plusSeconds(10))).as("expiry once it ended").isTrue();
        assertThat(orders().find(order.id()).orElseThrow().status().name()).isEqualTo("EXPIRED");
    }

    @Test
    void a_decline_moves_the_attempt_only_for_the_payer_holding_the_claim() {
        Instant now = now();
        Order order = order(now);
        assertThat(orders().claimPayment(order.id(), "holder", now, now.plus(LEASE), order.payableUntil(LEASE)))
                .contains(0);

        orders().declined(order.id(), "someone-else");
        assertThat(attempt(order.id())).isZero();
        orders().releaseClaim(order.id(), "someone-else");
        assertThat(orders().claimPayment(order.id(), "third", now, now.plus(LEASE), order.payableUntil(LEASE)))
                .as("a release by a payer not holding the claim frees nothing").isEmpty();

        orders().declined(order.id(), "holder");
        assertThat(attempt(order.id())).isEqualTo(1);
        assertThat(orders().claimPayment(order.id(), "next", now, now.plus(LEASE), order.payableUntil(LEASE)))
                .as("the next payment charges under the next attempt's key").contains(1);
    }

    @Test
    void an_order_is_paid_once_and_a_settled_charge_pays_only_its_own_attempt_before_the_expiry() {
        Instant now = now();
        Order order = order(now);
        Order other = order(now);

        assertThat(orders().markPaid(order.id(), "pay-1", now)).isTrue();
        assertThat(orders().markPaid(order.id(), "pay-2", now)).as("paid twice").isFalse();
        assertThat(orders().find(order.id()).orElseThrow().paymentId()).isEqualTo("pay-1");

        assertThat(orders().markPaidByCharge(other.id(), "pay-3", 1, now)).as("another attempt's charge").isFalse();
        assertThat(orders().markPaidByCharge(other.id(), "pay-3", 0, other.expiresAt())).as("at the expiry").isFalse();
        assertThat(orders().markPaidByCharge(other.id(), "pay-3", 0, now)).isTrue();
    }

    @Test
    void the_placement_journal_lets_either_the_order_insert_or_the_recovery_win_never_both() {
        JdbcPlacementJournal journal = new JdbcPlacementJournal(jdbc);
        Instant now = now();
        List<String> ids = java.util.stream.IntStream.range(0, 20).mapToObj(i -> newId()).toList();
        for (String id : ids) {
            assertThat(journal.begin(new PlacementJournal.Placement(id, 7, "key-" + id, "coupon", id, now)))
                    .isTrue();
        }

        // for each note, the placement's finish and the recovery's abandon race
        List<boolean[]> outcomes = ConcurrentRun.results(ids.size() * 2, i -> {
            String id = ids.get(i / 2);
            return new boolean[] {i % 2 == 0, i % 2 == 0 ? journal.finish(id) : journal.abandon(id, now)};
        });

        for (int n = 0; n < ids.size(); n++) {
            boolean finished = outcomes.get(2 * n)[1];
            boolean abandoned = outcomes.get(2 * n + 1)[1];
            assertThat(finished ^ abandoned).as("exactly one of finish and abandon wins for note " + n).isTrue();
            boolean begunAgain = journal.begin(new PlacementJournal.Placement(ids.get(n), 7, "key", "coupon", "r", now));
            // a retried placement goes on after a finish (its order is stored) and stops after an abandon
            assertThat(begunAgain).isEqualTo(finished);
        }
    }

    @Test
    void the_recovery_sees_only_open_notes_older_than_its_delay() {
        JdbcPlacementJournal journal = new JdbcPlacementJournal(jdbc);
        // in the future, so that the running application's own recovery (5 min back from now) never
        // takes these notes
        Instant now = now().plus(Duration.ofHours(3));
        String old = newId();
        String young = newId();
        String abandoned = newId();
        journal.begin(new PlacementJournal.Placement(old, 7, "k1", "c", "r1", now.minus(Duration.ofHours(2))));
        journal.begin(new PlacementJournal.Placement(young, 7, "k2", "c", "r2", now));
        journal.begin(new PlacementJournal.Placement(abandoned, 7, "k3", "c", "r3", now.minus(Duration.ofHours(2))));
        assertThat(journal.abandon(abandoned, now)).isTrue();
        assertThat(journal.abandon(abandoned, now)).as("abandoned once").isFalse();

        List<String> due = journal.openBefore(now.minus(Duration.ofHours(1)), 10_000).stream()
                .map(PlacementJournal.Placement::orderId).toList();

        assertThat(due).contains(old).doesNotContain(young, abandoned);
        assertThat(journal.finish(abandoned)).as("an abandoned note cannot be finished").isFalse();
        assertThat(journal.finish(young)).isTrue();
        assertThat(journal.finish(young)).as("finished once").isFalse();
        assertThat(journal.deleteAbandonedBefore(now.plusSeconds(1))).isGreaterThanOrEqualTo(1);
        assertThat(journal.begin(new PlacementJournal.Placement(abandoned, 7, "k3", "c", "r3", now)))
                .as("a deleted tombstone no longer stops a placement").isTrue();
    }

    @Test
    void an_issued_coupon_is_applied_to_one_open_order_at_a_time() {
        // the unique index order_coupon_once alone: the coupon module's conditional redeem, which
        // stands in front of it in checkout, is not called here
        Instant now = now();
        long user = ThreadLocalRandom.current().nextLong(1, 1_000_000_000);
        String coupon = "guard-coupon-" + UUID.randomUUID();
        Order first = withCoupon(user, coupon, now);
        Order second = withCoupon(user, coupon, now);
        orders().insert(first);

        assertThatThrownBy(() -> orders().insert(second)).as("a second open order with the copy")
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(orders().markCancelled(first.id(), now)).isTrue();
        orders().insert(second); // a cancelled order no longer holds it
        assertThat(orders().find(second.id())).isPresent();
    }

    private Order withCoupon(long user, String coupon, Instant now) {
        return Order.place(newId(), user, List.of(new OrderLine("guard-sku", 1, 1_000)), "KRW", coupon, 100,
                UUID.randomUUID().toString(), now.plus(Duration.ofHours(1)), now);
    }

    private int attempt(String id) {
        return jdbc.sql("SELECT payment_attempt FROM orders.\"order\" WHERE id = ?").param(id).query(Integer.class)
                .single();
    }
}
