package dev.commerce.coupon.adapter.out.atomic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.coupon.adapter.out.atomic.JdbcClaimStore.Persisted;
import dev.commerce.coupon.domain.IssuedCoupon;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.redisson.client.RedisException;

class ClaimAcknowledgerTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicIssueMetrics metrics = new AtomicIssueMetrics(meters);
    private final RecordingRedis redis = new RecordingRedis();

    @Test
    void a_round_reports_the_refusals_once_per_coupon_then_acknowledges_every_entry_in_one_call() {
        try (ClaimAcknowledger acknowledger = new ClaimAcknowledger(redis, metrics, "test-acknowledger")) {
            acknowledger.acknowledgeNow(List.of(
                    written("a", 1, Persisted.WRITTEN),
                    written("a", 2, Persisted.ALREADY_WRITTEN),
                    written("b", 3, Persisted.SOLD_OUT),
                    written("b", 4, Persisted.SOLD_OUT),
                    written("c", 5, Persisted.USER_HOLDS_ANOTHER),
                    written("d", 6, Persisted.NO_COUPON)));
        }

        assertThat(redis.calls).containsExactly("soldOut b", "forget c", "forget d",
                "done [entry-1, entry-2, entry-3, entry-4, entry-5, entry-6]");
        assertThat(meters.counter("coupon.atomic.refused").count()).isEqualTo(4);
    }

    @Test
    void a_redis_failure_is_only_logged_and_the_next_round_acknowledges_again() {
        try (ClaimAcknowledger acknowledger = new ClaimAcknowledger(redis, metrics, "test-acknowledger")) {
            redis.failing = true;
            acknowledger.acknowledgeNow(List.of(written("a", 1, Persisted.WRITTEN)));
            redis.failing = false;
            acknowledger.acknowledgeNow(List.of(written("a", 2, Persisted.WRITTEN)));
        }

        assertThat(redis.calls).containsExactly("done [entry-2]");
    }

    @Test
    void batches_handed_over_are_acknowledged_by_the_acknowledger_thread() throws InterruptedException {
        List<String> expected = new ArrayList<>();
        try (ClaimAcknowledger acknowledger = new ClaimAcknowledger(redis, metrics, "test-acknowledger")) {
            for (int batch = 0; batch < 20; batch++) {
                List<ClaimWriter.Written> written = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    long user = batch * 10L + i + 1;
                    written.add(written("a", user, Persisted.WRITTEN));
                    expected.add("entry-" + user);
                }
                acknowledger.acknowledge(written);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (redis.acknowledged.size() < expected.size()) {
                assertThat(System.nanoTime()).as("acknowledged within 10 s").isLessThan(deadline);
                Thread.sleep(5);
            }
        }

        assertThat(redis.acknowledged).containsExactlyElementsOf(expected);
        assertThat(redis.calls.size()).as("rounds").isLessThanOrEqualTo(20);
    }

    @Test
    void what_is_queued_when_it_stops_is_acknowledged_in_a_last_round() {
        ClaimAcknowledger acknowledger = new ClaimAcknowledger(redis, metrics, "test-acknowledger");
        acknowledger.acknowledge(List.of(written("a", 1, Persisted.WRITTEN), written("a", 2, Persisted.WRITTEN)));
        acknowledger.close();
        acknowledger.acknowledge(List.of(written("a", 3, Persisted.WRITTEN)));

        assertThat(redis.acknowledged).containsExactly("entry-1", "entry-2");
    }

    private static ClaimWriter.Written written(String coupon, long user, Persisted persisted) {
        IssuedCoupon copy = new IssuedCoupon("copy-" + user, coupon, user, Instant.parse("2026-11-24T10:00:00Z"));
        return new ClaimWriter.Written(copy, "entry-" + user, persisted);
    }

    private static final class RecordingRedis implements ClaimAcknowledgements {

        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<String> acknowledged = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        @Override
        public void soldOut(String couponId) {
            fail();
            calls.add("soldOut " + couponId);
        }

        @Override
        public void forget(String couponId) {
            fail();
            calls.add("forget " + couponId);
        }

        @Override
        public void done(List<String> entryIds) {
            fail();
            calls.add("done " + entryIds);
            acknowledged.addAll(entryIds);
        }

        private void fail() {
            if (failing) {
                throw new RedisException("Redis down");
            }
        }
    }
}
