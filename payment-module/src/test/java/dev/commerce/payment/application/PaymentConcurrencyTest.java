package dev.commerce.payment.application;

import static dev.commerce.payment.application.Payments.charge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.payment.PaymentException;
import dev.commerce.payment.RecordedResponse;
import dev.commerce.testing.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many identical requests released at once on one key: one charge, one payment, whatever the timing. */
class PaymentConcurrencyTest {

    private static final int WORKERS = 100;
    private final Payments payments = new Payments();

    @Test
    void one_hundred_concurrent_identical_requests_charge_once_and_every_other_answer_is_a_replay_or_in_progress()
            throws Exception {
        List<Object> outcomes = runConcurrently(() -> payments.charge(charge("k-1", "o-1", 15_000)));

        RecordedResponse first = outcomes.stream().filter(o -> o instanceof RecordedResponse r && !r.replayed())
                .map(RecordedResponse.class::cast).findFirst().orElseThrow();
        Map<String, Integer> kinds = new TreeMap<>();
        for (Object outcome : outcomes) {
            String kind = switch (outcome) {
                case RecordedResponse r when !r.replayed() -> "FIRST";
                case RecordedResponse r when r.status() == first.status() && r.body().equals(first.body()) -> "REPLAY";
                case PaymentException e -> e.code().name();
                default -> "UNEXPECTED " + outcome;
            };
            kinds.merge(kind, 1, Integer::sum);
        }
        String figures = Figures.report("payment-module", "100 concurrent identical requests: outcomes=%s charges=%d"
                + " chargeRequests=%d payments=%d", kinds, payments.gateway.charges(), payments.gateway.chargeRequests(),
                payments.payments.findAll().size());

        assertThat(kinds.get("FIRST")).as(figures).isEqualTo(1);
        assertThat(kinds.keySet()).as(figures).isSubsetOf("FIRST", "REPLAY", "IDEMPOTENCY_REQUEST_IN_PROGRESS");
        assertThat(kinds.values().stream().mapToInt(Integer::intValue).sum()).as(figures).isEqualTo(WORKERS);
        assertThat(payments.gateway.charges()).as(figures).isEqualTo(1);
        assertThat(payments.gateway.chargeRequests()).as(figures).isEqualTo(1);
        assertThat(payments.payments.findAll()).as(figures).hasSize(1);
    }

    @Test
    void one_hundred_concurrent_requests_with_one_hundred_keys_charge_one_hundred_times() throws Exception {
        int[] next = {0};
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            keys.add("k-" + i);
        }
        List<Object> outcomes = runConcurrently(() -> {
            int i;
            synchronized (next) {
                i = next[0]++;
            }
            return payments.charge(charge(keys.get(i), "o-" + i, 15_000));
        });

        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOfSatisfying(RecordedResponse.class,
                r -> assertThat(r.status()).isEqualTo(201)));
        assertThat(payments.gateway.charges()).isEqualTo(WORKERS);
        assertThat(payments.payments.findAll()).hasSize(WORKERS);
    }

    private static List<Object> runConcurrently(java.util.concurrent.Callable<RecordedResponse> work) throws Exception {
        CountDownLatch ready = new CountDownLatch(WORKERS);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<RecordedResponse>> futures = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    if (!start.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("no start signal");
                    }
                    return work.call();
                }));
            }
            assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<RecordedResponse> future : futures) {
                try {
                    outcomes.add(future.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
            return outcomes;
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }
}
