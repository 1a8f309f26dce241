package dev.commerce.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentRunTest {

    @Test
    void all_workers_run_at_the_same_time_and_results_come_back_in_worker_order() {
        CyclicBarrier allThere = new CyclicBarrier(20);

        List<Integer> results = ConcurrentRun.results(20, worker -> {
            try {
                allThere.await(10, TimeUnit.SECONDS); // only passes if all twenty are running at once
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return worker * 2;
        });

        assertThat(results).hasSize(20).startsWith(0, 2, 4).endsWith(38);
    }

    @Test
    void outcomes_are_counted_by_kind() throws Exception {
        Map<String, Integer> outcomes = ConcurrentRun.run(4, worker -> () -> {
            if (worker % 2 == 0) {
                throw new IllegalArgumentException("odd one out");
            }
            return worker;
        });

        assertThat(outcomes).containsOnly(Map.entry(ConcurrentRun.OK, 2),
                Map.entry(IllegalArgumentException.class.getName(), 2));
    }

    @Test
    void a_worker_that_throws_fails_a_run_that_collects_results() {
        assertThatThrownBy(() -> ConcurrentRun.results(3, worker -> {
            if (worker == 1) {
                throw new IllegalStateException("worker 1 failed");
            }
            return worker;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("worker 1 failed");
    }
}
