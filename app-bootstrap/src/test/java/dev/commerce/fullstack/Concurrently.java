package dev.commerce.fullstack;

import dev.commerce.testing.ConcurrentRun;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Kept only for {@code CouponRowGuardsIT}, which is being moved on another branch: the harness is
 * {@link ConcurrentRun#results}. Delete this class once that test imports {@code ConcurrentRun}.
 */
@Deprecated(forRemoval = true)
public final class Concurrently {

    private Concurrently() {
    }

    public static <T> List<T> run(int workers, IntFunction<T> work) {
        return ConcurrentRun.results(workers, work);
    }
}
