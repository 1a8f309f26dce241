package dev.commerce.fullstack.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.fullstack.StoresOnly;
import dev.commerce.testing.ConcurrentRun;
import dev.commerce.inventory.adapter.out.conditional.JdbcAvailableStock;
import dev.commerce.inventory.adapter.out.optimistic.VersionCheckedStockRepository;
import dev.commerce.inventory.adapter.out.persistence.JdbcInventoryTransactions;
import dev.commerce.inventory.adapter.out.persistence.JdbcReservationRepository;
import dev.commerce.inventory.adapter.out.persistence.JdbcStockRepository;
import dev.commerce.inventory.adapter.out.rowlock.RowLockStockConcurrency;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.domain.Reservation;
import dev.commerce.inventory.domain.ReservationLine;
import dev.commerce.inventory.domain.Stock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inventory module's guards in PostgreSQL, each proven alone by calling the JDBC adapters
 * directly (one guard, one proof: each test fails when its guard alone is removed, see
 * {@code infra/mutations/guards.tsv}). Over HTTP these guards sit behind others: within one
 * instance the per-SKU queue ({@code LocalRowQueue}) and the combiner already serialise the
 * reservations of a SKU, so the row lock is proven here between two adapters, as two instances
 * of the service would hold it. Every row a test writes is deleted after it, so that the
 * invariant checks of other tests never see them.
 */
@SpringBootTest(classes = StoresOnly.class)
class InventoryRowGuardsIT {

    /** How long a holder of the lock waits, inside it, for the other worker to come in too. */
    private static final long OVERLAP_WINDOW_MILLIS = 500;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    private final List<String> skus = new CopyOnWriteArrayList<>();
    private final List<Long> owners = new CopyOnWriteArrayList<>();

    @AfterEach
    void deleteWhatWasWritten() {
        for (long owner : owners) {
            jdbc.sql("DELETE FROM inventory.reservation_line WHERE reservation_id IN"
                    + " (SELECT id FROM inventory.reservation WHERE owner_id = ?)").param(owner).update();
            jdbc.sql("DELETE FROM inventory.reservation WHERE owner_id = ?").param(owner).update();
        }
        for (String sku : skus) {
            jdbc.sql("DELETE FROM inventory.stock WHERE sku = ?").param(sku).update();
        }
    }

    private String newSku(long onHand, long reserved) {
        String sku = "guard-" + UUID.randomUUID();
        skus.add(sku);
        jdbc.sql("INSERT INTO inventory.stock (sku, on_hand, reserved) VALUES (?, ?, ?)")
                .params(sku, onHand, reserved).update();
        return sku;
    }

    private long reserved(String sku) {
        return jdbc.sql("SELECT reserved FROM inventory.stock WHERE sku = ?").param(sku).query(Long.class).single();
    }

    /** An instance's row lock: its own in-process queue, so two of them meet only at the rows. */
    private RowLockStockConcurrency instance() {
        Duration lockTimeout = Duration.ofSeconds(10);
        return new RowLockStockConcurrency(new JdbcInventoryTransactions(transactionManager, jdbc, lockTimeout),
                transactionManager, jdbc, new SimpleMeterRegistry(), lockTimeout);
    }

    /** Both workers inside at once, for the overlap window, were the other not locked out. */
    private static final class Overlap {

        final CountDownLatch inside = new CountDownLatch(2);
        final AtomicInteger holders = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();

        void enter() {
            if (holders.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            inside.countDown();
            try {
                inside.await(OVERLAP_WINDOW_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void leave() {
            holders.decrementAndGet();
        }
    }

    /** Two instances reserve one unit each of one SKU, reading and writing it under its row lock. */
    private List<Boolean> twoInstancesReserveOne(String sku, Overlap overlap) {
        JdbcStockRepository stocks = new JdbcStockRepository(jdbc);
        List<RowLockStockConcurrency> instances = List.of(instance(), instance());
        return ConcurrentRun.results(2, i -> instances.get(i).runWithStocks(List.of(sku), found -> {
            Stock stock = found.get(sku); // read with the lock, before the work runs
            overlap.enter();
            try {
                if (stock.available() < 1) {
                    return false;
                }
                stock.reserve(1);
                stocks.save(stock);
                return true;
            } finally {
                overlap.leave();
            }
        }));
    }

    @Test
    void the_stock_row_lock_lets_two_instances_reserve_one_sku_only_one_after_the_other() {
        String sku = newSku(10, 0);
        Overlap overlap = new Overlap();

        List<Boolean> reserved = twoInstancesReserveOne(sku, overlap);

        assertThat(overlap.overlaps).as("workers holding the row lock at once").hasValue(0);
        assertThat(reserved).containsExactly(true, true);
        assertThat(reserved(sku)).as("each reservation counted (no lost update)").isEqualTo(2);
    }

    @Test
    void the_stock_row_lock_lets_only_one_of_two_instances_take_the_last_unit() {
        String sku = newSku(1, 0);
        Overlap overlap = new Overlap();

        List<Boolean> reserved = twoInstancesReserveOne(sku, overlap);

        assertThat(reserved).as("reservations that got the last unit").containsExactlyInAnyOrder(true, false);
        assertThat(reserved(sku)).isEqualTo(1);
        assertThat(overlap.overlaps).hasValue(0);
    }

    @Test
    void the_stock_row_lock_of_confirm_cancel_and_expiry_lets_two_instances_change_one_sku_one_after_the_other() {
        // run: the lock confirm, cancel, the expiry sweep and stock setting take before they read
        String sku = newSku(10, 2);
        JdbcStockRepository stocks = new JdbcStockRepository(jdbc);
        List<RowLockStockConcurrency> instances = List.of(instance(), instance());
        Overlap overlap = new Overlap();

        ConcurrentRun.results(2, i -> instances.get(i).run(List.of(sku), () -> {
            Stock stock = stocks.find(sku).orElseThrow();
            overlap.enter();
            try {
                stock.release(1); // a cancel of a reservation of one unit
                stocks.save(stock);
                return null;
            } finally {
                overlap.leave();
            }
        }));

        assertThat(overlap.overlaps).as("workers holding the row lock at once").hasValue(0);
        assertThat(reserved(sku)).as("both releases counted (no lost update)").isZero();
    }

    @Test
    void the_optimistic_save_refuses_a_row_whose_version_moved_since_it_was_read() {
        // READ COMMITTED, as a plain transaction: the version check alone (the optimistic strategy's
        // REPEATABLE READ would refuse this write too, by a serialization failure)
        String sku = newSku(10, 0);
        VersionCheckedStockRepository optimistic = new VersionCheckedStockRepository(jdbc);
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            Stock stock = optimistic.find(sku).orElseThrow();
            // another instance reserves 3 and commits after this one read the row
            CompletableFuture.runAsync(() -> jdbc.sql(
                    "UPDATE inventory.stock SET reserved = reserved + 3, version = version + 1 WHERE sku = ?")
                    .param(sku).update()).join();
            stock.reserve(1);
            optimistic.save(stock);
        })).isInstanceOf(OptimisticLockingFailureException.class);

        assertThat(reserved(sku)).as("the other instance's reservation, not overwritten").isEqualTo(3);
    }

    @Test
    void the_conditional_reserve_takes_nothing_beyond_what_is_available() {
        String sku = newSku(5, 3);
        JdbcAvailableStock stocks = new JdbcAvailableStock(jdbc);

        assertThat(stocks.reserveIfAvailable(sku, 3)).as("3 of the 2 available").isFalse();
        assertThat(reserved(sku)).isEqualTo(3);
        assertThat(stocks.reserveIfAvailable(sku, 2)).as("the 2 available").isTrue();
        assertThat(reserved(sku)).isEqualTo(5);
    }

    @Test
    void the_stock_table_refuses_more_reserved_than_on_hand() {
        String sku = newSku(5, 0);

        assertThatThrownBy(() -> jdbc.sql("UPDATE inventory.stock SET reserved = 6 WHERE sku = ?").param(sku).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("stock_reserved_within_on_hand");
        assertThat(reserved(sku)).isZero();
    }

    @Test
    void the_stock_table_refuses_a_negative_reserved() {
        String sku = newSku(5, 0);

        assertThatThrownBy(() -> jdbc.sql("UPDATE inventory.stock SET reserved = -1 WHERE sku = ?").param(sku).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(reserved(sku)).isZero();
    }

    @Test
    void the_unique_request_key_per_owner_refuses_a_second_reservation_with_the_key() {
        // the look-up before placing (RequestKeys) stays out of this: two requests that both passed
        // it race to their inserts, and the unique index alone decides
        String sku = newSku(10, 0);
        long owner = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
        owners.add(owner);
        long otherOwner = owner + 1;
        owners.add(otherOwner);
        JdbcReservationRepository reservations = new JdbcReservationRepository(jdbc);
        List<ReservationLine> lines = List.of(new ReservationLine(sku, 1));
        Instant now = Instant.now();

        reservations.save(Reservation.place(owner, "o-1", "http:guard", lines, now, Duration.ofMinutes(10)));

        assertThatThrownBy(() -> reservations.save(
                Reservation.place(owner, "o-1", "http:guard", lines, now, Duration.ofMinutes(10))))
                .isInstanceOf(ReservationRepository.RequestKeyTaken.class);
        reservations.save(Reservation.place(otherOwner, "o-1", "http:guard", lines, now, Duration.ofMinutes(10)));
        assertThat(jdbc.sql("SELECT count(*) FROM inventory.reservation WHERE request_key = 'http:guard'"
                + " AND owner_id IN (?, ?)").params(owner, otherOwner).query(Long.class).single())
                .as("one reservation per owner and key").isEqualTo(2);
    }
}
