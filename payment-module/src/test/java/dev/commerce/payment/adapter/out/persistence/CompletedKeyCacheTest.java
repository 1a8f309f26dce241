package dev.commerce.payment.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.payment.RecordedResponse;
import dev.commerce.payment.adapter.out.memory.InMemoryIdempotencyStore;
import dev.commerce.payment.adapter.out.memory.InMemoryPaymentTransactions;
import dev.commerce.payment.application.port.IdempotencyStore;
import dev.commerce.payment.domain.IdempotencyKey;
import dev.commerce.payment.domain.IdempotencyRecord;
import dev.commerce.testing.MutableClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompletedKeyCacheTest {

    private static final String FINGERPRINT = "a".repeat(64);
    private static final Duration RETENTION = Duration.ofHours(24);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final IdempotencyStore backing = new InMemoryIdempotencyStore(new InMemoryPaymentTransactions());
    private final AtomicInteger storeCalls = new AtomicInteger();
    private final IdempotencyStore store = counting(backing, storeCalls);
    private final CompletedKeyCache cache = new CompletedKeyCache(store, clock, RETENTION, 100);

    @Test
    void a_completed_key_is_replayed_from_memory_after_one_read_of_the_store() {
        complete(key("k-1"));

        IdempotencyRecord first = cache.find(key("k-1")).orElseThrow();
        int callsAfterFirstRead = storeCalls.get();
        for (int replay = 0; replay < 5; replay++) {
            assertThat(cache.claim(IdempotencyRecord.claimed(key("k-1"), FINGERPRINT, "other", clock.instant(),
                    clock.instant().plusSeconds(30)))).isFalse();
            assertThat(cache.find(key("k-1"))).contains(first);
        }

        assertThat(first.isCompleted()).isTrue();
        assertThat(storeCalls.get()).isEqualTo(callsAfterFirstRead);
    }

    @Test
    void a_key_still_in_progress_is_read_from_the_store_every_time_and_its_completion_is_seen() {
        Instant now = clock.instant();
        assertThat(cache.claim(IdempotencyRecord.claimed(key("k-2"), FINGERPRINT, "owner", now, now.plusSeconds(30))))
                .isTrue();

        assertThat(cache.find(key("k-2")).orElseThrow().isCompleted()).isFalse();
        int before = storeCalls.get();
        assertThat(cache.find(key("k-2")).orElseThrow().isCompleted()).isFalse();
        assertThat(storeCalls.get()).isEqualTo(before + 1);

        assertThat(cache.complete(key("k-2"), "owner", new RecordedResponse(201, "{\"id\":\"p\"}", false), "p", now))
                .isTrue();
        assertThat(cache.find(key("k-2")).orElseThrow().isCompleted()).isTrue();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void a_key_whose_retention_has_ended_is_not_kept_in_memory() {
        complete(key("k-3"));
        clock.advance(RETENTION.plusSeconds(1));

        cache.find(key("k-3"));
        int before = storeCalls.get();
        cache.find(key("k-3"));

        assertThat(storeCalls.get()).isEqualTo(before + 1);
    }

    @Test
    void the_sweep_forgets_swept_keys_in_memory_too() {
        complete(key("k-4"));
        assertThat(cache.find(key("k-4"))).isPresent();
        clock.advance(Duration.ofHours(1));

        assertThat(cache.deleteCompletedBefore(clock.instant())).isEqualTo(1);

        assertThat(cache.find(key("k-4"))).isEmpty();
        assertThat(cache.claim(IdempotencyRecord.claimed(key("k-4"), FINGERPRINT, "new", clock.instant(),
                clock.instant().plusSeconds(30)))).isTrue();
    }

    @Test
    void a_completed_key_in_memory_answers_only_its_own_user() {
        complete(key("k-5"));
        assertThat(cache.find(key("k-5"))).isPresent();
        IdempotencyKey othersKey = new IdempotencyKey(2, "k-5");

        assertThat(cache.find(othersKey)).isEmpty();
        assertThat(cache.claim(IdempotencyRecord.claimed(othersKey, FINGERPRINT, "other", clock.instant(),
                clock.instant().plusSeconds(30)))).isTrue();
        assertThat(cache.find(key("k-5")).orElseThrow().isCompleted()).isTrue();
    }

    private static IdempotencyKey key(String value) {
        return new IdempotencyKey(1, value);
    }

    private void complete(IdempotencyKey key) {
        Instant now = clock.instant();
        assertThat(backing.claim(IdempotencyRecord.claimed(key, FINGERPRINT, "owner", now, now.plusSeconds(30)))).isTrue();
        assertThat(backing.complete(key, "owner", new RecordedResponse(201, "{\"id\":\"p\"}", false), "p", now)).isTrue();
    }

    private static IdempotencyStore counting(IdempotencyStore target, AtomicInteger calls) {
        return (IdempotencyStore) Proxy.newProxyInstance(IdempotencyStore.class.getClassLoader(),
                new Class<?>[] {IdempotencyStore.class}, (proxy, method, args) -> {
                    calls.incrementAndGet();
                    try {
                        return method.invoke(target, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
