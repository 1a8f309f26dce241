package dev.commerce.coupon.adapter.out.atomic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.coupon.adapter.out.atomic.JdbcClaimStore.CouponState;
import dev.commerce.coupon.domain.IssuedCoupon;
import dev.commerce.fullstack.StoresOnly;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The checks of the atomic strategy's claim script, each proven alone on Redis (one guard, one
 * proof, see {@code infra/mutations/guards.tsv}). Through the adapter they sit in front of
 * PostgreSQL, whose constraints refuse what the script should have refused (the answer is then the
 * same, only later and with the coupon's Redis state dropped), so the script is called directly:
 * in this package, as {@link RedisClaims#claim} is the adapter's own. So is the stream entry by which
 * the recovery finds a claim whose process died before writing it. The coupons are made up; their
 * Redis state, stream entries and rows are removed after each test.
 */
@SpringBootTest(classes = StoresOnly.class)
class RedisClaimScriptIT {

    @Autowired
    RedissonClient redisson;

    @Autowired
    JdbcClient jdbc;

    private RedisClaims claims;
    private final List<String> coupons = new CopyOnWriteArrayList<>();
    private final List<String> entries = new CopyOnWriteArrayList<>();

    @AfterEach
    void forgetWhatWasClaimed() {
        if (!entries.isEmpty()) {
            claims.done(entries);
        }
        for (String coupon : coupons) {
            claims.forget(coupon);
            jdbc.sql("DELETE FROM coupon.issued_coupon WHERE coupon_id = ?").param(coupon).update();
            jdbc.sql("DELETE FROM coupon.coupon WHERE id = ?").param(coupon).update();
        }
    }

    private String loadedCoupon(int total) {
        claims = new RedisClaims(redisson, "guard-test-" + UUID.randomUUID());
        String coupon = UUID.randomUUID().toString(); // a coupon id: 36 characters
        coupons.add(coupon);
        assertThat(claims.load(coupon, new CouponState(total, 0, List.of()))).isTrue();
        return coupon;
    }

    private ClaimVerdict claim(String coupon, long user) {
        RedisClaims.Claim claim = claims.claim(new IssuedCoupon(UUID.randomUUID().toString(), coupon, user, Instant.now()));
        if (claim.entryId() != null) {
            entries.add(claim.entryId());
        }
        return claim.verdict();
    }

    @Test
    void the_claim_script_refuses_a_claim_once_the_total_is_claimed() {
        String coupon = loadedCoupon(2);

        assertThat(claim(coupon, 1)).isEqualTo(ClaimVerdict.ISSUED);
        assertThat(claim(coupon, 2)).isEqualTo(ClaimVerdict.ISSUED);
        assertThat(claim(coupon, 3)).as("a third claim of a total of two").isEqualTo(ClaimVerdict.SOLD_OUT);
    }

    @Test
    void the_claim_script_refuses_a_second_claim_of_the_same_user() {
        String coupon = loadedCoupon(5);

        assertThat(claim(coupon, 1)).isEqualTo(ClaimVerdict.ISSUED);
        assertThat(claim(coupon, 1)).as("the same user again, copies left").isEqualTo(ClaimVerdict.ALREADY_ISSUED);
        assertThat(claim(coupon, 2)).isEqualTo(ClaimVerdict.ISSUED);
    }

    @Test
    void a_claim_whose_process_died_before_writing_it_is_written_by_the_recovery() {
        String coupon = loadedCoupon(5);
        jdbc.sql("INSERT INTO coupon.coupon (id, name, total_quantity, created_at) VALUES (?, 'guard', 5, now())")
                .param(coupon).update();
        assertThat(claim(coupon, 7)).isEqualTo(ClaimVerdict.ISSUED);
        // ... and the process died: nothing was written to PostgreSQL

        new RedisStreamClaimRecovery(redisson, claims, new JdbcClaimStore(jdbc), Duration.ZERO, 1000,
                new AtomicIssueMetrics(new SimpleMeterRegistry())).recover();

        assertThat(jdbc.sql("SELECT count(*) FROM coupon.issued_coupon WHERE coupon_id = ? AND user_id = 7").param(coupon)
                .query(Long.class).single()).as("the claim written by the recovery").isEqualTo(1);
    }
}
