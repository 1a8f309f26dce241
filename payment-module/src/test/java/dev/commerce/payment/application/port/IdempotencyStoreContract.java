package dev.commerce.payment.application.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.payment.RecordedResponse;
import dev.commerce.payment.domain.IdempotencyKey;
import dev.commerce.payment.domain.IdempotencyRecord;
import dev.commerce.payment.domain.IdempotencyState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@link IdempotencyStore} contract: the scenarios every adapter must pass. The in-memory twin runs them in
 * {@code InMemoryIdempotencyStoreTest}, PostgreSQL in {@code JdbcIdempotencyStoreIT} (app-bootstrap, through this
 * module's test jar), so the module tests rely on the semantics the real adapter has.
 */
public abstract class IdempotencyStoreContract {

    private static final String FINGERPRINT = "a".repeat(64);
    private static final String OTHER_FINGERPRINT = "b".repeat(64);
    private static final long USER = 1;
    private static final long OTHER_USER = 2;

    /** The adapter under test; the value of every key a scenario uses starts with {@code contract-}. */
    protected abstract IdempotencyStore store();

    @Test
    void of_many_concurrent_claims_of_one_key_exactly_one_wins() throws Exception {
        IdempotencyKey key = newKey();
        Instant now = Instant.now();
        int workers = 50;
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                String owner = "owner-" + i;
                claims.add(executor.submit(() -> {
                    ready.countDown();
                    go.await(30, TimeUnit.SECONDS);
                    return store().claim(IdempotencyRecord.claimed(key, FINGERPRINT, owner, now, now.plusSeconds(30)));
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            int won = 0;
            for (Future<Boolean> claim : claims) {
                won += claim.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void a_key_is_taken_over_only_when_unknown_or_past_its_lease_and_only_with_its_fingerprint() {
        IdempotencyKey key = newKey();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store().claim(IdempotencyRecord.claimed(key, FINGERPRINT, "first", now, now.plusSeconds(30)));

        assertThat(store().takeOver(key, FINGERPRINT, "second", now.plusSeconds(29), now.plusSeconds(59))).isFalse();
        assertThat(store().takeOver(key, OTHER_FINGERPRINT, "second", now.plusSeconds(30), now.plusSeconds(60))).isFalse();
        assertThat(store().takeOver(key, FINGERPRINT, "second", now.plusSeconds(30), now.plusSeconds(60))).isTrue();
        assertThat(store().takeOver(key, FINGERPRINT, "third", now.plusSeconds(31), now.plusSeconds(61)))
                .as("the new lease runs").isFalse();
        assertThat(store().markUnknown(key, "second", now.plusSeconds(32))).isTrue();
        assertThat(store().takeOver(key, FINGERPRINT, "third", now.plusSeconds(32), now.plusSeconds(62)))
                .as("unknown: at once").isTrue();
        assertThat(store().find(key)).get().satisfies(record -> {
            assertThat(record.ownerToken()).isEqualTo("third");
            assertThat(record.state()).isEqualTo(IdempotencyState.IN_PROGRESS);
            assertThat(record.leaseUntil()).isEqualTo(now.plusSeconds(62));
        });
    }

    @Test
    void only_the_current_owner_completes_marks_or_releases_a_key() {
        IdempotencyKey key = newKey();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store().claim(IdempotencyRecord.claimed(key, FINGERPRINT, "first", now, now.plusSeconds(30)));
        store().takeOver(key, FINGERPRINT, "second", now.plusSeconds(30), now.plusSeconds(60));
        RecordedResponse response = new RecordedResponse(201, "{\"id\":\"p-1\"}", false);

        assertThat(store().complete(key, "first", response, "p-1", now)).isFalse();
        assertThat(store().markUnknown(key, "first", now)).isFalse();
        assertThat(store().release(key, "first")).isFalse();
        assertThat(store().complete(key, "second", response, "p-1", now.plusSeconds(31))).isTrue();
        assertThat(store().release(key, "second")).as("completed keys stay").isFalse();
        assertThat(store().find(key)).get().satisfies(record -> {
            assertThat(record.state()).isEqualTo(IdempotencyState.COMPLETED);
            assertThat(record.replay()).isEqualTo(new RecordedResponse(201, "{\"id\":\"p-1\"}", true));
            assertThat(record.paymentId()).isEqualTo("p-1");
            assertThat(record.completedAt()).isEqualTo(now.plusSeconds(31));
        });
    }

    @Test
    void a_released_key_can_be_claimed_again() {
        IdempotencyKey key = newKey();
        Instant now = Instant.now();
        store().claim(IdempotencyRecord.claimed(key, FINGERPRINT, "first", now, now.plusSeconds(30)));

        assertThat(store().release(key, "first")).isTrue();

        assertThat(store().find(key)).isEmpty();
        assertThat(store().claim(IdempotencyRecord.claimed(key, OTHER_FINGERPRINT, "second", now, now.plusSeconds(30)))).isTrue();
    }

    @Test
    void unsettled_keys_are_unknown_or_past_their_lease_before_the_given_time() {
        IdempotencyKey live = newKey();
        IdempotencyKey expired = newKey();
        IdempotencyKey unknown = newKey();
        IdempotencyKey completed = newKey();
        // far in the future: a running application's reconciler (on the real clock) never sees these
        Instant now = Instant.now().plus(Duration.ofDays(1000)).truncatedTo(ChronoUnit.MILLIS);
        store().claim(IdempotencyRecord.claimed(live, FINGERPRINT, "o", now, now.plusSeconds(30)));
        store().claim(IdempotencyRecord.claimed(expired, FINGERPRINT, "o", now.minusSeconds(600), now.minusSeconds(500)));
        store().claim(IdempotencyRecord.claimed(unknown, FINGERPRINT, "o", now, now.plusSeconds(30)));
        store().markUnknown(unknown, "o", now.minusSeconds(400));
        store().claim(IdempotencyRecord.claimed(completed, FINGERPRINT, "o", now.minusSeconds(600), now.minusSeconds(500)));
        store().complete(completed, "o", new RecordedResponse(201, "{}", false), "p", now.minusSeconds(550));

        List<IdempotencyKey> unsettled = store().findUnsettled(now.minusSeconds(300), 10_000).stream()
                .map(IdempotencyRecord::key)
                .filter(key -> List.of(live, expired, unknown, completed).contains(key))
                .toList();

        assertThat(unsettled).containsExactly(expired, unknown);
        for (IdempotencyKey key : List.of(live, expired, unknown)) {
            store().release(key, "o");
        }
    }

    @Test
    void only_completed_keys_older_than_the_cutoff_are_deleted() {
        IdempotencyKey old = newKey();
        IdempotencyKey young = newKey();
        IdempotencyKey running = newKey();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant longAgo = now.minus(Duration.ofDays(400));
        store().claim(IdempotencyRecord.claimed(old, FINGERPRINT, "o", longAgo, longAgo.plusSeconds(30)));
        store().complete(old, "o", new RecordedResponse(201, "{}", false), "p", longAgo);
        store().claim(IdempotencyRecord.claimed(young, FINGERPRINT, "o", now, now.plusSeconds(30)));
        store().complete(young, "o", new RecordedResponse(201, "{}", false), "p", now);
        // created long ago but its lease still runs: not the sweep's business, whatever its age
        store().claim(IdempotencyRecord.claimed(running, FINGERPRINT, "o", longAgo, now.plusSeconds(3600)));

        // a running application's own sweep may delete "old" first; the outcome is the same
        store().deleteCompletedBefore(now.minus(Duration.ofDays(365)));

        assertThat(store().find(old)).isEmpty();
        assertThat(store().find(young)).isPresent();
        assertThat(store().find(running)).isPresent();
        store().release(running, "o");
    }

    @Test
    void the_same_key_of_two_users_is_two_keys_and_neither_changes_the_other() {
        String value = "contract-" + UUID.randomUUID();
        IdempotencyKey mine = new IdempotencyKey(USER, value);
        IdempotencyKey theirs = new IdempotencyKey(OTHER_USER, value);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RecordedResponse response = new RecordedResponse(201, "{\"id\":\"p-1\"}", false);
        Instant lease = now.plusSeconds(30);

        assertThat(store().claim(IdempotencyRecord.claimed(mine, FINGERPRINT, "mine", now, lease))).isTrue();
        assertThat(store().claim(IdempotencyRecord.claimed(theirs, OTHER_FINGERPRINT, "theirs", now, lease)))
                .as("the other user's claim of the same key").isTrue();
        assertThat(store().complete(theirs, "mine", response, "p-1", now)).isFalse();
        assertThat(store().complete(mine, "mine", response, "p-1", now)).isTrue();
        assertThat(store().markUnknown(theirs, "theirs", now)).as("still in progress for its own user").isTrue();
        assertThat(store().takeOver(theirs, OTHER_FINGERPRINT, "theirs-again", now, lease)).isTrue();
        assertThat(store().release(theirs, "theirs-again")).isTrue();

        assertThat(store().find(theirs)).isEmpty();
        assertThat(store().find(mine)).get().satisfies(record -> {
            assertThat(record.key()).isEqualTo(mine);
            assertThat(record.fingerprint()).isEqualTo(FINGERPRINT);
            assertThat(record.replay()).isEqualTo(response.asReplay());
        });
        assertThat(store().claim(IdempotencyRecord.claimed(theirs, OTHER_FINGERPRINT, "theirs", now, lease)))
                .as("a released key of one user is free again, whatever the other user holds").isTrue();
        store().release(theirs, "theirs");
    }

    protected static IdempotencyKey newKey() {
        return new IdempotencyKey(USER, "contract-" + UUID.randomUUID());
    }
}
