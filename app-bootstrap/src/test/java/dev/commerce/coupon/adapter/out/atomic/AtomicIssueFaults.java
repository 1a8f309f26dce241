package dev.commerce.coupon.adapter.out.atomic;

import java.util.function.LongPredicate;
import org.springframework.context.ApplicationContext;

/**
 * The atomic strategy's test seams for the full-stack tests of other packages: it lives in the
 * adapter's package, so the adapter keeps them package-private.
 */
public final class AtomicIssueFaults {

    private AtomicIssueFaults() {
    }

    /**
     * For users matching {@code users}, the running instance behaves like a process that dies right
     * after the script recorded the claim, before PostgreSQL has it; {@code user -> false} turns it off.
     */
    public static void crashAfterClaimFor(ApplicationContext context, LongPredicate users) {
        context.getBean(RedisScriptOneStepIssue.class).crashAfterClaimFor(users);
    }

    /** The instance's consumer name in the claims stream's group. */
    public static String consumer(ApplicationContext context) {
        return context.getBean(RedisClaims.class).consumer();
    }
}
