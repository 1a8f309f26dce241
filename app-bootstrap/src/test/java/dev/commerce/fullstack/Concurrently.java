package dev.commerce.fullstack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Starts every worker at the same moment (all wait on one latch) and collects what each returned.
 * Bounded: workers that do not finish in time fail the test instead of hanging it.
 */
public final class Concurrently {

    private Concurrently() {
    }

    public static <T> List<T> run(int workers, IntFunction<T> work) {
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>(workers);
            for (int i = 0; i < workers; i++) {
                int worker = i;
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    go.await();
                    return work.apply(worker);
                }));
            }
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("workers did not get ready");
            }
            go.countDown();
            List<T> results = new ArrayList<>(workers);
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException("concurrent run failed: " + e, e);
        }
    }
}
