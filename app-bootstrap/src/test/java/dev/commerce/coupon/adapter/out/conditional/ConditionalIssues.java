package dev.commerce.coupon.adapter.out.conditional;

import dev.commerce.coupon.application.port.OneStepIssue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The conditional strategy's adapter, built for the tests of other packages that call it directly:
 * it lives in the adapter's package, so the adapter stays package-private.
 */
public final class ConditionalIssues {

    private ConditionalIssues() {
    }

    /** The conditional statement with its unique (coupon, user) key. */
    public static OneStepIssue jdbc(JdbcClient jdbc) {
        return new JdbcOneStepIssue(jdbc);
    }
}
