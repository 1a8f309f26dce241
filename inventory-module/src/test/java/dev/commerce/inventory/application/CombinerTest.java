package dev.commerce.inventory.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CombinerTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private Combiner<Integer, String> combiner(int limit, Duration timeout) {
        return new Combiner<>(limit, timeout, () -> new IllegalStateException("timed out"), sizes::add);
    }

    /** Records each batch and answers every request with its own number. */
    private Function<List<Integer>, List<Combiner.Outcome<String>>> recording(CountDownLatch firstBatchMayEnd) {
        return requests -> {
            batches.add(List.copyOf(requests));
            if (batches.size() == 1) {
                await(firstBatchMayEnd);
            }
            return requests.stream().map(request -> Combiner.Outcome.of("answer-" + request)).toList();
        };
    }

    @Test
    void a_lone_request_runs_at_once_in_a_batch_of_its_own() {
        Combiner<Integer, String> combiner = combiner(8, LONG);

        assertThat(combiner.submit("k", 1, recording(new CountDownLatch(0)))).isEqualTo("answer-1");

        assertThat(batches).containsExactly(List.of(1));
        assertThat(sizes).containsExactly(1);
        assertThat(combiner.waiting("k")).isZero();
    }

    @Test
    void requests_queued_behind_a_batch_run_together_in_arrival_order_each_with_its_own_answer() throws Exception {
        Combiner<Integer, String> combiner = combiner(8, LONG);
        CountDownLatch release = new CountDownLatch(1);
        var work = recording(release);
        Future<String> first = threads.submit(() -> combiner.submit("k", 0, work));
        awaitBatches(1);
        List<Future<String>> queued = queueInOrder(combiner, work, 1, 5);

        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("answer-0");
        for (int i = 0; i < queued.size(); i++) {
            assertThat(queued.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("answer-" + (i + 1));
        }
        assertThat(batches).containsExactly(List.of(0), List.of(1, 2, 3, 4, 5));
        assertThat(sizes).containsExactly(1, 5);
    }

    @Test
    void a_batch_takes_at_most_the_limit_and_the_rest_follow_in_order() throws Exception {
        Combiner<Integer, String> combiner = combiner(3, LONG);
        CountDownLatch release = new CountDownLatch(1);
        var work = recording(release);
        threads.submit(() -> combiner.submit("k", 0, work));
        awaitBatches(1);
        List<Future<String>> queued = queueInOrder(combiner, work, 1, 7);

        release.countDown();

        for (Future<String> answer : queued) {
            answer.get(10, TimeUnit.SECONDS);
        }
        assertThat(batches).containsExactly(List.of(0), List.of(1, 2, 3), List.of(4, 5, 6), List.of(7));
    }

    @Test
    void when_the_batch_work_fails_every_member_gets_the_failure() throws Exception {
        Combiner<Integer, String> combiner = combiner(8, LONG);
        CountDownLatch release = new CountDownLatch(1);
        RuntimeException failure = new IllegalStateException("database down");
        Function<List<Integer>, List<Combiner.Outcome<String>>> work = requests -> {
            batches.add(List.copyOf(requests));
            if (batches.size() == 1) {
                await(release);
                return List.of(Combiner.Outcome.of("fine"));
            }
            throw failure;
        };
        threads.submit(() -> combiner.submit("k", 0, work));
        awaitBatches(1);
        List<Future<String>> queued = queueInOrder(combiner, work, 1, 3);

        release.countDown();

        for (Future<String> answer : queued) {
            assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isSameAs(failure);
        }
        assertThat(batches).containsExactly(List.of(0), List.of(1, 2, 3));
    }

    @Test
    void a_request_that_waited_past_the_timeout_gives_up_and_is_never_run() throws Exception {
        Combiner<Integer, String> combiner = combiner(8, Duration.ofMillis(200));
        CountDownLatch release = new CountDownLatch(1);
        var work = recording(release);
        Future<String> first = threads.submit(() -> combiner.submit("k", 0, work));
        awaitBatches(1);

        assertThatThrownBy(() -> combiner.submit("k", 1, work)).hasMessage("timed out");

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("answer-0");
        assertThat(batches).containsExactly(List.of(0));
        // the lane is idle again: the next request leads at once
        assertThat(combiner.submit("k", 2, work)).isEqualTo("answer-2");
    }

    @Test
    void requests_of_other_keys_do_not_wait_for_a_running_batch() throws Exception {
        Combiner<Integer, String> combiner = combiner(8, LONG);
        CountDownLatch release = new CountDownLatch(1);
        var work = recording(release);
        Future<String> blocked = threads.submit(() -> combiner.submit("a", 0, work));
        awaitBatches(1);

        assertThat(combiner.submit("b", 1, work)).isEqualTo("answer-1");

        assertThat(blocked).isNotDone();
        release.countDown();
        assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo("answer-0");
    }

    /** Submits requests {@code from..to} one after another, each queued before the next is sent. */
    private List<Future<String>> queueInOrder(Combiner<Integer, String> combiner,
            Function<List<Integer>, List<Combiner.Outcome<String>>> work, int from, int to) throws InterruptedException {
        List<Future<String>> answers = new ArrayList<>();
        for (int request = from; request <= to; request++) {
            int number = request;
            answers.add(threads.submit(() -> combiner.submit("k", number, work)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (combiner.waiting("k") < number - from + 1) {
                assertThat(System.nanoTime()).as("request %d queued in time", number).isLessThan(deadline);
                Thread.sleep(1);
            }
        }
        return answers;
    }

    private void awaitBatches(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (batches.size() < count) {
            assertThat(System.nanoTime()).as("%d batches started in time", count).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the batch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
