package dev.commerce.testing;

/**
 * The figures a concurrency or fault test measured (outcomes by code, counts read back from the
 * database, histograms per phase): written once to the test's output, where the benchmarks, the
 * runbook and the session notes read them, and returned so that the assertions they explain carry
 * them as their description ({@code assertThat(...).as(figures)}): a failure shows what was measured.
 */
public final class Figures {

    private Figures() {
    }

    /** {@code "[test] "} followed by {@code figures}; printed, then returned. */
    public static String report(String test, String figures) {
        String line = "[" + test + "] " + figures;
        System.out.println(line);
        return line;
    }

    /** {@code "[test] "} followed by {@code format} filled with {@code args}; printed, then returned. */
    public static String report(String test, String format, Object... args) {
        return report(test, format.formatted(args));
    }
}
