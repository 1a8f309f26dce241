package dev.commerce.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The physical limit of a distributed lock: a plain Redisson lock-then-unlock loop on one key,
 * with the same number of threads, against the same Redis.
 */
final class RedissonLockBaseline implements AutoCloseable {

    private final RedissonClient redisson;

    RedissonLockBaseline(String redisUrl) {
        Config config = new Config();
        config.useSingleServer().setAddress(redisUrl).setConnectionPoolSize(256).setConnectionMinimumIdleSize(16);
        this.redisson = Redisson.create(config);
    }

    LatencyStats run(String key, int threads, Duration duration) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<long[]>> workers = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                workers.add(executor.submit(() -> {
                    RLock lock = redisson.getLock(key);
                    LongList latencies = new LongList();
                    start.await();
                    long end = System.nanoTime() + duration.toNanos();
                    while (System.nanoTime() < end) {
                        long began = System.nanoTime();
                        lock.lock();
                        lock.unlock();
                        latencies.add(System.nanoTime() - began);
                    }
                    return latencies.toArray();
                }));
            }
            start.countDown();
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> worker : workers) {
                all.add(worker.get());
            }
            return LatencyStats.fromNanos(JdbcHotRowBaseline.concat(all), duration.toMillis() / 1000.0);
        }
    }

    @Override
    public void close() {
        redisson.shutdown();
    }
}
