package dev.commerce.coupon.adapter.out.atomic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.coupon.adapter.out.atomic.JdbcClaimStore.BatchRefusedException;
import dev.commerce.coupon.adapter.out.atomic.JdbcClaimStore.Persisted;
import dev.commerce.coupon.domain.IssuedCoupon;
import dev.commerce.fullstack.coupon.CouponFixtures;
import dev.commerce.infra.check.InvariantChecker;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The PostgreSQL side of the {@code atomic} strategy on {@code coupon.*}: the single statement and the
 * batch statement of the group commit, with every outcome a copy can have.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JdbcClaimStoreIT {

    private static final AtomicLong USERS = new AtomicLong(7_000_000);

    private final JdbcClaimStore store;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    @Autowired
    JdbcClaimStoreIT(JdbcClient client, JdbcTemplate jdbc, DataSource dataSource) {
        this.store = new JdbcClaimStore(client);
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    @Test
    void a_batch_writes_new_copies_counts_each_coupon_once_by_what_it_inserted_and_tells_repeats_apart() {
        String a = coupon(10);
        String b = coupon(10);
        long holder = USERS.incrementAndGet();
        IssuedCoupon stored = copy(a, holder);
        assertThat(store.persist(stored)).isEqualTo(Persisted.WRITTEN);
        long twice = USERS.incrementAndGet();
        List<IssuedCoupon> batch = List.of(
                copy(a, USERS.incrementAndGet()),
                stored,                          // the same copy again (the recovery job wrote it first)
                copy(a, holder),                 // another copy of a user who holds one
                copy(b, USERS.incrementAndGet()),
                copy(a, twice),
                copy(b, USERS.incrementAndGet()),
                copy(a, twice));                 // two copies of one user in the same batch

        List<Persisted> outcomes = store.persistAll(batch);

        assertThat(outcomes.subList(0, 4)).containsExactly(Persisted.WRITTEN, Persisted.ALREADY_WRITTEN,
                Persisted.USER_HOLDS_ANOTHER, Persisted.WRITTEN);
        assertThat(outcomes.get(5)).isEqualTo(Persisted.WRITTEN);
        assertThat(List.of(outcomes.get(4), outcomes.get(6)))
                .containsExactlyInAnyOrder(Persisted.WRITTEN, Persisted.USER_HOLDS_ANOTHER);
        assertThat(CouponFixtures.truth(jdbc, a)).containsExactly(3, 3, 3);
        assertThat(CouponFixtures.truth(jdbc, b)).containsExactly(2, 2, 2);
        assertThat(CouponFixtures.copiesNotIssued(jdbc, a) + CouponFixtures.copiesNotIssued(jdbc, b))
                .as("copies written other than ISSUED without an order").isZero();
        Instant at = jdbc.queryForObject("select issued_at from coupon.issued_coupon where id = ?", Timestamp.class,
                batch.getFirst().id()).toInstant();
        assertThat(at).isEqualTo(batch.getFirst().issuedAt());
        assertThat(InvariantChecker.violations(dataSource)).isEmpty();
    }

    @Test
    void a_batch_of_one_is_the_single_statement_with_its_exact_outcome() {
        String full = coupon(1);
        assertThat(store.persistAll(List.of(copy(full, USERS.incrementAndGet())))).containsExactly(Persisted.WRITTEN);
        assertThat(store.persistAll(List.of(copy(full, USERS.incrementAndGet())))).containsExactly(Persisted.SOLD_OUT);
        assertThat(store.persistAll(List.of(copy("no-such-coupon", USERS.incrementAndGet()))))
                .containsExactly(Persisted.NO_COUPON);
        assertThat(CouponFixtures.truth(jdbc, full)).containsExactly(1, 1, 1);
    }

    @Test
    void a_batch_beyond_the_total_is_refused_whole_and_written_one_by_one_gets_each_outcome() {
        String coupon = coupon(3);
        assertThat(store.persist(copy(coupon, USERS.incrementAndGet()))).isEqualTo(Persisted.WRITTEN);
        List<IssuedCoupon> batch = List.of(copy(coupon, USERS.incrementAndGet()), copy(coupon, USERS.incrementAndGet()),
                copy(coupon, USERS.incrementAndGet()));

        assertThatThrownBy(() -> store.persistAll(batch)).isInstanceOfSatisfying(BatchRefusedException.class,
                e -> assertThat(e.sqlState()).isEqualTo("23514"));
        assertThat(CouponFixtures.truth(jdbc, coupon)).as("nothing of the batch written").containsExactly(1, 1, 1);

        assertThat(batch.stream().map(store::persist).toList())
                .containsExactly(Persisted.WRITTEN, Persisted.WRITTEN, Persisted.SOLD_OUT);
        assertThat(CouponFixtures.truth(jdbc, coupon)).containsExactly(3, 3, 3);
        assertThat(InvariantChecker.violations(dataSource)).isEmpty();
    }

    @Test
    void a_batch_naming_a_coupon_that_does_not_exist_is_refused_whole() {
        String coupon = coupon(10);
        List<IssuedCoupon> batch = List.of(copy(coupon, USERS.incrementAndGet()),
                copy("no-such-coupon", USERS.incrementAndGet()));

        assertThatThrownBy(() -> store.persistAll(batch)).isInstanceOfSatisfying(BatchRefusedException.class,
                e -> assertThat(e.sqlState()).isEqualTo("23503"));

        assertThat(CouponFixtures.truth(jdbc, coupon)).containsExactly(0, 0, 0);
        assertThat(batch.stream().map(store::persist).toList()).containsExactly(Persisted.WRITTEN, Persisted.NO_COUPON);
    }

    @Test
    void concurrent_batches_over_the_same_coupons_in_any_order_all_commit_and_count_exactly() throws Exception {
        List<String> coupons = List.of(coupon(1000), coupon(1000), coupon(1000));
        int writers = 6;
        int batches = 10;
        int perBatch = 12;
        ExecutorService executor = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Long>> written = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Random random = new Random(w);
                written.add(executor.submit(() -> {
                    long count = 0;
                    for (int i = 0; i < batches; i++) {
                        List<IssuedCoupon> batch = new ArrayList<>();
                        for (int j = 0; j < perBatch; j++) {
                            batch.add(copy(coupons.get(random.nextInt(coupons.size())), USERS.incrementAndGet()));
                        }
                        Collections.shuffle(batch, random);
                        count += store.persistAll(batch).stream().filter(p -> p == Persisted.WRITTEN).count();
                    }
                    return count;
                }));
            }
            long total = 0;
            for (Future<Long> result : written) {
                total += result.get(120, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo((long) writers * batches * perBatch);
        } finally {
            executor.shutdownNow();
        }
        long issued = 0;
        for (String coupon : coupons) {
            long[] truth = CouponFixtures.truth(jdbc, coupon);
            assertThat(truth[0]).isEqualTo(truth[1]).isEqualTo(truth[2]);
            issued += truth[0];
        }
        assertThat(issued).isEqualTo((long) writers * batches * perBatch);
        assertThat(InvariantChecker.violations(dataSource)).isEmpty();
    }

    private String coupon(int total) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into coupon.coupon (id, name, total_quantity, created_at) values (?, 'CLAIMS', ?, now())",
                id, total);
        return id;
    }

    private static IssuedCoupon copy(String coupon, long user) {
        return new IssuedCoupon(UUID.randomUUID().toString(), coupon, user, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
