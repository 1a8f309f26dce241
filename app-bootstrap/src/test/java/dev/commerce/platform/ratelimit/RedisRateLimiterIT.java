package dev.commerce.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.testing.ConcurrentRun;
import dev.commerce.infra.local.LocalInfrastructure;
import dev.commerce.platform.ratelimit.RateLimitDecision.Outcome;
import dev.commerce.platform.ratelimit.RateLimitProperties.CheckoutLimit;
import dev.commerce.platform.ratelimit.RateLimitProperties.Limit;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * The limiter on the Redis the application uses. Two limiters on two Redisson clients stand for
 * two instances of the service: they draw on one budget. Redis refusing connections, hung or stopped:
 * requests pass (fail open) within the timeout, then without asking Redis at all, and are limited
 * again once Redis is back.
 *
 * <p>Runs on the embedded servers on every machine: its context asks for them
 * ({@code commerce.infra.mode=embedded}), also where Docker answers and the rest of the suite runs on
 * Testcontainers (GitHub CI), because stopping Redis and starting it again on the same port is what
 * {@link LocalInfrastructure#stopRedis()} does to the embedded server (refusing and hung Redis are
 * played by sockets of the test's own); the containers the other contexts share are never touched.
 * Same context as {@code CouponRedisOutageIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "commerce.infra.mode=embedded"})
class RedisRateLimiterIT {

    /** Generous, so that a busy 2-core machine does not turn slow answers into "unavailable" here. */
    private static final Duration PATIENT = Duration.ofSeconds(3);
    private static final Duration SHORT = Duration.ofMillis(250);

    @Autowired
    RedissonClient redisson;

    @Autowired
    Environment environment;

    @Autowired
    ServletContext servletContext;

    @Autowired
    RateLimitFilter rateLimitFilter;

    private final List<RedissonClient> ownClients = new CopyOnWriteArrayList<>();
    private boolean redisStopped;

    @AfterEach
    void cleanUp() {
        if (redisStopped) {
            LocalInfrastructure.startRedis();
        }
        ownClients.forEach(client -> client.shutdown(0, 2, TimeUnit.SECONDS));
    }

    @Test
    void two_instances_draw_on_one_budget_and_the_refused_pass_again_after_the_window() throws Exception {
        RateLimiter instanceA = new RedisRateLimiter(redisson, PATIENT, Duration.ofSeconds(5), Duration.ofMinutes(1));
        RateLimiter instanceB = new RedisRateLimiter(secondClient(), PATIENT, Duration.ofSeconds(5), Duration.ofMinutes(1));
        Limit limit = new CheckoutLimit(6, Duration.ofSeconds(2));
        String key = "checkout:user:" + UUID.randomUUID();

        // 24 requests of one caller at once, half through each instance
        List<RateLimitDecision> burst = ConcurrentRun.results(24,
                worker -> (worker % 2 == 0 ? instanceA : instanceB).tryAcquire(key, limit));
        long burstEnded = System.nanoTime();

        assertThat(countByOutcome(burst)).isEqualTo(Map.of(Outcome.ALLOWED, 6L, Outcome.LIMITED, 18L));
        assertThat(burst).filteredOn(decision -> decision.outcome() == Outcome.LIMITED)
                .allSatisfy(decision -> assertThat(decision.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
        assertThat(instanceA.tryAcquire(key, limit).outcome()).isEqualTo(Outcome.LIMITED);
        assertThat(instanceB.tryAcquire(key, limit).outcome()).isEqualTo(Outcome.LIMITED);

        // every request allowed above leaves the window 2 s after it was taken
        sleepUntil(burstEnded + Duration.ofSeconds(2).plusMillis(100).toNanos());

        for (int i = 0; i < 6; i++) {
            assertThat((i % 2 == 0 ? instanceB : instanceA).tryAcquire(key, limit).outcome())
                    .as("request %d after the window", i + 1).isEqualTo(Outcome.ALLOWED);
        }
        RateLimitDecision seventh = instanceA.tryAcquire(key, limit);
        assertThat(seventh.outcome()).isEqualTo(Outcome.LIMITED);
        assertThat(RateLimitFilter.wholeSeconds(seventh.retryAfter())).isEqualTo(2);
    }

    @Test
    void a_budget_lives_in_redis_only_as_long_as_keep_alive_after_the_last_request() throws Exception {
        Duration keepAlive = Duration.ofSeconds(2);
        RateLimiter limiter = new RedisRateLimiter(redisson, PATIENT, Duration.ofSeconds(5), keepAlive);
        Limit limit = new CheckoutLimit(3, Duration.ofSeconds(1));
        String key = "checkout:user:" + UUID.randomUUID();
        String pattern = RedisRateLimiter.redisName(key, limit) + "*";
        String braced = "{" + RedisRateLimiter.redisName(key, limit) + "}*";

        assertThat(limiter.tryAcquire(key, limit).outcome()).isEqualTo(Outcome.ALLOWED);
        long taken = System.nanoTime();
        assertThat(keys(pattern) + keys(braced)).as("limit, count and log of the budget").isEqualTo(3);
        assertThat(redisson.getKeys().remainTimeToLive(RedisRateLimiter.redisName(key, limit)))
                .isPositive().isLessThanOrEqualTo(keepAlive.toMillis());

        sleepUntil(taken + keepAlive.plusMillis(300).toNanos());

        assertThat(keys(pattern) + keys(braced)).as("nothing left in Redis").isZero();
        // forgotten, or lost with a Redis restart: the caller starts again with a full budget
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(key, limit).outcome()).isEqualTo(Outcome.ALLOWED);
        }
        assertThat(limiter.tryAcquire(key, limit).outcome()).isEqualTo(Outcome.LIMITED);
    }

    @Test
    void requests_pass_when_redis_refuses_connections_and_then_pass_without_asking_it() throws Exception {
        RedisRateLimiter limiter = new RedisRateLimiter(lazyClient(closedPort()), SHORT, Duration.ofSeconds(30),
                Duration.ofMinutes(1));
        Limit limit = new CheckoutLimit(1, Duration.ofSeconds(10));

        for (int i = 0; i < 12; i++) {
            long start = System.nanoTime();
            assertThat(limiter.tryAcquire("checkout:user:1", limit)).isEqualTo(RateLimitDecision.UNAVAILABLE);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT.plusMillis(500));
        }

        assertThat(limiter.pausedForOutage()).isTrue();
        long start = System.nanoTime();
        assertThat(limiter.tryAcquire("checkout:user:1", limit)).isEqualTo(RateLimitDecision.UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no Redis call while paused")
                .isLessThan(Duration.ofMillis(50));
    }

    @Test
    void a_redis_that_stops_answering_costs_a_request_at_most_the_timeout() throws Exception {
        try (FreezableProxy proxy = new FreezableProxy(URI.create(environment.getRequiredProperty("spring.data.redis.url")))) {
            RateLimiter limiter = new RedisRateLimiter(eagerClient(proxy.port()), SHORT, Duration.ofSeconds(30),
                    Duration.ofMinutes(1));
            Limit limit = new CheckoutLimit(5, Duration.ofSeconds(10));
            String key = "checkout:user:" + UUID.randomUUID();
            assertThat(limiter.tryAcquire(key, limit)).isEqualTo(RateLimitDecision.ALLOWED);

            proxy.freeze(); // connected, but nothing comes back: a hung Redis or a partition

            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                assertThat(limiter.tryAcquire(key, limit)).isEqualTo(RateLimitDecision.UNAVAILABLE);
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .isGreaterThanOrEqualTo(SHORT).isLessThan(SHORT.plusMillis(500));
            }
        }
    }

    @Test
    void limiting_resumes_after_redis_comes_back() throws Exception {
        Duration outagePause = Duration.ofSeconds(1);
        RedisRateLimiter limiter = new RedisRateLimiter(redisson, SHORT, outagePause, Duration.ofMinutes(1));
        Limit limit = new CheckoutLimit(2, Duration.ofSeconds(30));
        String key = "checkout:user:" + UUID.randomUUID();
        stopRedis();

        for (int i = 0; i < 12; i++) {
            assertThat(limiter.tryAcquire(key, limit)).isEqualTo(RateLimitDecision.UNAVAILABLE);
        }
        assertThat(limiter.pausedForOutage()).isTrue();

        LocalInfrastructure.startRedis();
        redisStopped = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        RateLimitDecision decision;
        do {
            Thread.sleep(100);
            decision = limiter.tryAcquire(key, limit);
            assertThat(System.nanoTime()).as("Redis answers again within 60 s").isLessThan(deadline);
        } while (decision.outcome() != Outcome.ALLOWED);
        assertThat(limiter.tryAcquire(key, limit).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(limiter.tryAcquire(key, limit).outcome()).isEqualTo(Outcome.LIMITED);
        assertThat(limiter.pausedForOutage()).isFalse();
    }

    @Test
    void the_filter_bean_is_not_registered_in_the_servlet_container() {
        assertThat(rateLimitFilter).isNotNull();
        assertThat(servletContext.getFilterRegistrations().values())
                .noneMatch(registration -> RateLimitFilter.class.getName().equals(registration.getClassName()));
    }

    private RedissonClient secondClient() {
        Config config = new Config();
        config.useSingleServer().setAddress(environment.getRequiredProperty("spring.data.redis.url"));
        RedissonClient client = Redisson.create(config);
        ownClients.add(client);
        return client;
    }

    /** Connected at once, as the application's client is. */
    private RedissonClient eagerClient(int port) {
        Config config = new Config();
        config.useSingleServer().setAddress("redis://127.0.0.1:" + port).setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(4).setRetryAttempts(0).setTimeout(5_000);
        RedissonClient client = Redisson.create(config);
        ownClients.add(client);
        return client;
    }

    /**
     * A client that connects on first use, so that it can be made for a Redis that is not there
     * (that first use connects synchronously: fine for a refused connection, not for a silent server).
     */
    private RedissonClient lazyClient(int port) {
        Config config = new Config().setLazyInitialization(true);
        config.useSingleServer().setAddress("redis://127.0.0.1:" + port).setConnectionMinimumIdleSize(1)
                .setRetryAttempts(0).setTimeout(5_000);
        RedissonClient client = Redisson.create(config);
        ownClients.add(client);
        return client;
    }

    private void stopRedis() {
        LocalInfrastructure.stopRedis();
        redisStopped = true;
    }

    private long keys(String pattern) {
        return redisson.getKeys().getKeysStreamByPattern(pattern).count();
    }

    private static Map<Outcome, Long> countByOutcome(List<RateLimitDecision> decisions) {
        return decisions.stream().collect(Collectors.groupingBy(RateLimitDecision::outcome, Collectors.counting()));
    }

    /** Lets a rate-limit window or a key's keep-alive pass: time itself is what these tests are about. */
    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Forwards TCP to Redis until frozen; then holds every byte, in both directions, while connections stay open. */
    private static final class FreezableProxy implements AutoCloseable {

        private final ServerSocket server;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile boolean frozen;

        FreezableProxy(URI redis) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                try {
                    while (!server.isClosed()) {
                        Socket client = server.accept();
                        Socket upstream = new Socket(redis.getHost(), redis.getPort());
                        sockets.add(client);
                        sockets.add(upstream);
                        Thread.ofVirtual().start(() -> pump(client, upstream));
                        Thread.ofVirtual().start(() -> pump(upstream, client));
                    }
                } catch (IOException closed) {
                    // closed by close()
                }
            });
        }

        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[8192];
            try {
                int read;
                while ((read = from.getInputStream().read(buffer)) >= 0) {
                    while (frozen && !from.isClosed()) {
                        Thread.sleep(10); // the fault itself: a hung Redis passes nothing on while frozen
                    }
                    to.getOutputStream().write(buffer, 0, read);
                }
            } catch (IOException | InterruptedException closed) {
                // one side closed
            }
        }

        int port() {
            return server.getLocalPort();
        }

        void freeze() {
            frozen = true;
        }

        @Override
        public void close() {
            try {
                server.close();
                for (Socket socket : sockets) {
                    socket.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
