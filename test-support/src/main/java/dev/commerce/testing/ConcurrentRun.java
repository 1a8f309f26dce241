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
 * Runs workers on as many threads, all released at once by one latch, and bounded: workers that do
 * not get ready or finish in time fail the test instead of hanging it.
 *
 * <p>Two ways to collect: {@link #run}/{@link #outcomes} report each outcome by kind ({@code "OK"},
 * the domain error code, or an unexpected exception's class name) and run on platform threads, which
 * the scheduler preempts, so that in-memory races interleave; {@link #results} returns what each
 * worker returned (an exception fails the run) and runs on virtual threads, so that a thousand HTTP
 * clients or JDBC callers cost no thousand platform threads.
 */
public final class ConcurrentRun {

    public static final String OK = "OK";
    private static final long READY_SECONDS = 60;
    private static final long FINISH_SECONDS = 120;

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
        ExecutorService executor = Executors.newFixedThreadPool(workers);
        try {
            List<String> outcomes = new ArrayList<>(workers);
            for (Future<?> future : releaseAtOnce(executor, workers, task)) {
                outcomes.add(outcomeOf(future));
            }
            return outcomes;
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(READY_SECONDS, TimeUnit.SECONDS)).as("workers finished").isTrue();
        }
    }

    /** What each of {@code workers} calls of {@code work} (given the worker's index) returned, in worker order. */
    public static <T> List<T> results(int workers, IntFunction<T> work) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<T> results = new ArrayList<>(workers);
            for (Future<T> future : releaseAtOnce(executor, workers, worker -> () -> work.apply(worker))) {
                results.add(future.get(FINISH_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException("concurrent run failed: " + e, e);
        }
    }

    /** Submits the workers, waits until all are ready, then lets them go together. */
    private static <T> List<Future<T>> releaseAtOnce(ExecutorService executor, int workers,
            IntFunction<? extends Callable<? extends T>> task) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            Callable<? extends T> work = task.apply(i);
            futures.add(executor.submit(() -> {
                ready.countDown();
                if (!start.await(READY_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("start signal never came");
                }
                return work.call();
            }));
        }
        assertThat(ready.await(READY_SECONDS, TimeUnit.SECONDS)).as("all workers ready").isTrue();
        start.countDown();
        return futures;
    }

    private static String outcomeOf(Future<?> future) throws Exception {
        try {
            future.get(READY_SECONDS, TimeUnit.SECONDS);
            return OK;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DomainException domain) {
                return domain.code().name();
            }
            return e.getCause().getClass().getName();
        }
    }
}
