package dev.commerce.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.platform.idempotency.IdempotencyGate.Decision;
import dev.commerce.platform.idempotency.IdempotencyGate.InProgress;
import dev.commerce.platform.idempotency.IdempotencyGate.Proceed;
import dev.commerce.platform.idempotency.IdempotencyGate.Replay;
import dev.commerce.platform.idempotency.IdempotencyGate.Reused;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The decisions of the idempotency rules, on a store in memory and a clock the test moves. */
class IdempotencyGateTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String PATH = "/api/v1/reservations";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final InMemoryIdempotentRequestStore store = new InMemoryIdempotentRequestStore();
    private final IdempotencyGate gate = new IdempotencyGate(store, clock, LEASE);

    private static final StoredResponse CREATED = new StoredResponse(201, "application/json",
            "/api/v1/reservations/r-1", "{\"id\":\"r-1\"}".getBytes(StandardCharsets.UTF_8));

    @Test
    void the_first_request_runs_and_a_retry_gets_its_recorded_response() {
        Proceed first = (Proceed) begin(7, "k", "fp-a");
        assertThat(gate.finish(first.ticket(), CREATED)).isTrue();

        Decision retry = begin(7, "k", "fp-a");

        assertThat(retry).isInstanceOf(Replay.class);
        assertThat(((Replay) retry).response()).isSameAs(CREATED);
    }

    @Test
    void the_same_key_with_another_fingerprint_is_reused_whether_running_or_completed() {
        Proceed first = (Proceed) begin(7, "k", "fp-a");
        assertThat(begin(7, "k", "fp-b")).isInstanceOf(Reused.class);
        gate.finish(first.ticket(), CREATED);
        assertThat(begin(7, "k", "fp-b")).isInstanceOf(Reused.class);
    }

    @Test
    void a_retry_while_the_first_runs_is_in_progress_with_a_retry_after() {
        begin(7, "k", "fp-a");

        Decision retry = begin(7, "k", "fp-a");

        assertThat(retry).isEqualTo(new InProgress(Duration.ofSeconds(1)));
    }

    @Test
    void keys_belong_to_the_caller_the_same_key_of_two_users_is_two_requests() {
        assertThat(begin(7, "k", "fp-a")).isInstanceOf(Proceed.class);
        assertThat(begin(8, "k", "fp-b")).isInstanceOf(Proceed.class);
    }

    @Test
    void a_key_left_in_progress_by_a_crash_is_taken_over_after_the_lease_and_the_stale_owner_records_nothing() {
        Proceed crashed = (Proceed) begin(7, "k", "fp-a");
        clock.advance(LEASE.minusMillis(1));
        assertThat(begin(7, "k", "fp-a")).isInstanceOf(InProgress.class);
        clock.advance(Duration.ofMillis(1));

        Decision retry = begin(7, "k", "fp-a");

        assertThat(retry).isInstanceOf(Proceed.class);
        assertThat(gate.finish(crashed.ticket(), CREATED)).as("the stale owner is fenced off").isFalse();
        StoredResponse second = new StoredResponse(201, "application/json", "/api/v1/reservations/r-2", new byte[] {1});
        assertThat(gate.finish(((Proceed) retry).ticket(), second)).isTrue();
        assertThat(((Replay) begin(7, "k", "fp-a")).response()).isSameAs(second);
    }

    @Test
    void an_expired_key_is_not_taken_over_with_another_body() {
        begin(7, "k", "fp-a");
        clock.advance(LEASE.plusSeconds(1));
        assertThat(begin(7, "k", "fp-b")).isInstanceOf(Reused.class);
    }

    @Test
    void transient_outcomes_release_the_key_so_that_a_retry_runs_again() {
        for (int status : new int[] {500, 502, 503, 504, 400, 401, 403, 413, 429}) {
            String key = "k-" + status;
            Proceed first = (Proceed) begin(7, key, "fp-a");
            assertThat(gate.finish(first.ticket(), new StoredResponse(status, null, null, new byte[0])))
                    .as("status %d recorded", status).isFalse();
            assertThat(begin(7, key, "fp-a")).as("status %d: the retry runs", status).isInstanceOf(Proceed.class);
        }
    }

    @Test
    void the_requests_own_outcomes_are_recorded_refusals_included() {
        for (int status : new int[] {200, 201, 204, 404, 409, 422}) {
            String key = "k-" + status;
            Proceed first = (Proceed) begin(7, key, "fp-a");
            assertThat(gate.finish(first.ticket(), new StoredResponse(status, "application/problem+json", null,
                    new byte[0]))).as("status %d recorded", status).isTrue();
            assertThat(begin(7, key, "fp-a")).as("status %d replayed", status).isInstanceOf(Replay.class);
        }
    }

    @Test
    void an_abandoned_request_frees_its_key() {
        Proceed first = (Proceed) begin(7, "k", "fp-a");
        gate.abandon(first.ticket());
        assertThat(begin(7, "k", "fp-a")).isInstanceOf(Proceed.class);
    }

    @Test
    void the_sweep_forgets_completed_keys_after_the_retention_and_keys_left_in_progress_after_their_lease() {
        gate.finish(((Proceed) begin(7, "done", "fp-a")).ticket(), CREATED);
        begin(7, "crashed", "fp-a");
        clock.advance(Duration.ofHours(24));
        assertThat(store.deleteExpired(clock.instant().minus(Duration.ofHours(24)))).isZero();

        clock.advance(Duration.ofMinutes(1));

        assertThat(store.deleteExpired(clock.instant().minus(Duration.ofHours(24)))).isEqualTo(2);
        assertThat(begin(7, "done", "fp-b")).as("a forgotten key is a new request").isInstanceOf(Proceed.class);
    }

    @Test
    void recorded_outcomes_are_2xx_and_the_requests_own_4xx() {
        assertThat(IdempotencyGate.isRecorded(201)).isTrue();
        assertThat(IdempotencyGate.isRecorded(409)).isTrue();
        assertThat(IdempotencyGate.isRecorded(302)).isFalse();
        assertThat(IdempotencyGate.isRecorded(400)).isFalse();
        assertThat(IdempotencyGate.isRecorded(503)).isFalse();
    }

    private Decision begin(long userId, String key, String fingerprint) {
        return gate.begin(userId, key, fingerprint, "POST", PATH);
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
