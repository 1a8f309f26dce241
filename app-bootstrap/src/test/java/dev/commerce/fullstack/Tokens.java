package dev.commerce.fullstack;

import dev.commerce.infra.LocalTokenIssuer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens for the full-stack tests, signed by the local issuer whose key every local
 * instance of this machine shares (the test contexts run in local mode: no resource-server
 * property), so they are valid on in-process contexts and on instances started as processes alike.
 */
public final class Tokens {

    public static final long ADMINISTRATOR_ID = 1;
    private static final Duration LIFETIME = Duration.ofHours(2);
    private static final Map<Long, String> BUYERS = new ConcurrentHashMap<>();
    private static volatile String administrator;

    private Tokens() {
    }

    public static LocalTokenIssuer issuer() {
        return Holder.ISSUER;
    }

    public static String buyer(long userId) {
        String token = BUYERS.get(userId);
        if (token == null) {
            // minted outside the map's lock: concurrent workers of different users sign in parallel
            token = issuer().buyer(userId, LIFETIME);
            String raced = BUYERS.putIfAbsent(userId, token);
            token = raced == null ? token : raced;
        }
        return token;
    }

    /** Mints the tokens of buyers {@code first} to {@code first + count - 1} now, before workers start at once. */
    public static void mintBuyers(long first, int count) {
        for (long id = first; id < first + count; id++) {
            buyer(id);
        }
    }

    /** An administrator token of another administrator than {@link #ADMINISTRATOR_ID}. */
    public static String administrator(long userId) {
        return userId == ADMINISTRATOR_ID ? administrator() : issuer().administrator(userId, LIFETIME);
    }

    public static String administrator() {
        String token = administrator;
        if (token == null) {
            token = issuer().administrator(ADMINISTRATOR_ID, LIFETIME);
            administrator = token;
        }
        return token;
    }

    private static final class Holder {
        static final LocalTokenIssuer ISSUER = LocalTokenIssuer.shared();
    }
}
