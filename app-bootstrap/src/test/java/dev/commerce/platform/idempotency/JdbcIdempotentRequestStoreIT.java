package dev.commerce.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.StoresOnly;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Idempotency-Key filter's SQL guards in {@code platform.idempotency_key}, each proven alone on
 * PostgreSQL (one guard, one proof, see {@code infra/mutations/guards.tsv}): {@link IdempotencyGateTest}
 * runs on the in-memory store, and over HTTP a request run twice is often still answered alike (a
 * reservation finds its request key, a coupon issue its unique constraint), so the store is called
 * directly. Each test's keys belong to a made-up user and are deleted after it.
 */
@SpringBootTest(classes = StoresOnly.class)
class JdbcIdempotentRequestStoreIT {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final StoredResponse CREATED = new StoredResponse(201, "application/json", null,
            "{}".getBytes(StandardCharsets.UTF_8));

    @Autowired
    JdbcClient jdbc;

    private final List<Long> users = new CopyOnWriteArrayList<>();

    @AfterEach
    void forgetTheKeys() {
        users.forEach(user -> jdbc.sql("DELETE FROM platform.idempotency_key WHERE user_id = ?").param(user).update());
    }

    private long newUser() {
        long user = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
        users.add(user);
        return user;
    }

    private static IdempotentRequest claimBy(long user, String key, String owner, Instant now, Instant leaseUntil) {
        return new IdempotentRequest(user, key, "fingerprint", "POST", "/api/v1/reservations",
                IdempotentRequest.State.IN_PROGRESS, owner, leaseUntil, now, null);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void a_key_is_claimed_once_and_a_second_claim_changes_nothing() {
        JdbcIdempotentRequestStore store = new JdbcIdempotentRequestStore(jdbc);
        long user = newUser();
        Instant now = now();

        assertThat(store.claim(claimBy(user, "k", "first", now, now.plus(LEASE)))).isTrue();
        assertThat(store.complete(user, "k", "first", CREATED, now)).isTrue();

        assertThat(store.claim(claimBy(user, "k", "second", now, now.plus(LEASE)))).as("a second claim").isFalse();
        IdempotentRequest stored = store.find(user, "k").orElseThrow();
        assertThat(stored.state()).isEqualTo(IdempotentRequest.State.COMPLETED);
        assertThat(stored.ownerToken()).isEqualTo("first");
    }

    @Test
    void a_completion_by_a_request_that_lost_its_key_to_a_take_over_records_nothing() {
        JdbcIdempotentRequestStore store = new JdbcIdempotentRequestStore(jdbc);
        long user = newUser();
        Instant now = now();
        String key = UUID.randomUUID().toString();
        // the first request's lease has ended (it seemed dead); a retry took the key over
        assertThat(store.claim(claimBy(user, key, "first", now.minus(LEASE), now))).isTrue();
        assertThat(store.takeOver(user, key, "fingerprint", "retry", now, now.plus(LEASE))).isTrue();

        assertThat(store.complete(user, key, "first", CREATED, now)).as("the first request completing late").isFalse();
        assertThat(store.find(user, key).orElseThrow().state()).isEqualTo(IdempotentRequest.State.IN_PROGRESS);
        assertThat(store.complete(user, key, "retry", CREATED, now)).isTrue();
    }
}
