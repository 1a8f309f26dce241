package dev.commerce.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.shared.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs workers on as many threads, all released at once by a latch, and reports each outcome by
 * kind: {@code "OK"}, the domain error code, or an unexpected exception's class name.
 */
public final class ConcurrentRun {

    public static final String OK = "OK";
    private static final long AWAIT_SECONDS = 60;

    private ConcurrentRun() {
    }

    /** Runs {@code workers} tasks, task {@code i} being {@code task.apply(i)}, and counts outcomes by kind. */
    public static Map<String, Integer> run(int workers, IntFunction<Callable<?>> task) throws Exception {
        return count(outcomes(workers, task));
    }

    public static Map<String, Integer> count(List<String> outcomes) {
        Map<String, Integer> counts = new TreeMap<>();
        outcomes.forEach(outcome -> counts.merge(outcome, 1, Integer::sum));
        return counts;
    }

    /** As {@link #run}, but the outcome of each worker, in worker order. */
    public static List<String> outcomes(int workers, IntFunction<Callable<?>> task) throws Exception {
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> futures = new ArrayList<>(workers);
            for (int i = 0; i < workers; i++) {
                Callable<?> work = task.apply(i);
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    if (!start.await(AWAIT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("start signal never came");
                    }
                    return work.call();
                }));
            }
            assertThat(ready.await(AWAIT_SECONDS, TimeUnit.SECONDS)).as("all workers ready").isTrue();
            start.countDown();
            List<String> outcomes = new ArrayList<>(workers);
            for (Future<?> future : futures) {
                outcomes.add(outcomeOf(future));
            }
            return outcomes;
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(AWAIT_SECONDS, TimeUnit.SECONDS)).as("workers finished").isTrue();
        }
    }

    private static String outcomeOf(Future<?> future) throws Exception {
        try {
            future.get(AWAIT_SECONDS, TimeUnit.SECONDS);
            return OK;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DomainException domain) {
                return domain.code().name();
            }
            return e.getCause().getClass().getName();
        }
    }
}
