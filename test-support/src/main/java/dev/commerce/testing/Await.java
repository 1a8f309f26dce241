package dev.commerce.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a state another thread brings about: polls {@code condition} until it holds, and
 * fails with what was awaited once {@code within} has passed. For tests, instead of a sleep that
 * guesses how long the other thread takes.
 */
public final class Await {

    private Await() {
    }

    /** Returns as soon as {@code condition} holds; throws {@link AssertionError} naming {@code what} after {@code within}. */
    public static void until(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }
}
