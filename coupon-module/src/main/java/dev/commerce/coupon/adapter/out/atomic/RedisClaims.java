package dev.commerce.coupon.adapter.out.atomic;

import dev.commerce.coupon.adapter.out.atomic.JdbcClaimStore.CouponState;
import dev.commerce.coupon.domain.IssuedCoupon;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.RedisNoScriptException;
import org.redisson.client.codec.StringCodec;

/**
 * The Redis side of the {@code atomic} strategy: per coupon a hash {@code coupon:{id}:state}
 * (total, issued) and a set {@code coupon:{id}:users}; one stream {@code coupon:issues} with the
 * consumer group {@code coupon-issuers} holding each admitted claim until PostgreSQL has it. The
 * scripts run by EVALSHA (loaded again after NOSCRIPT: Redis forgets scripts when it restarts).
 *
 * <p>The claim script and the stream use keys in different hash slots: single Redis server or
 * Sentinel, not Redis Cluster.
 */
final class RedisClaims implements ClaimAcknowledgements {

    static final String STREAM = "coupon:issues";
    static final String GROUP = "coupon-issuers";

    /**
     * KEYS: state, users, stream. ARGV: user, copy id, coupon id, issued at, group, consumer.
     * Returns {NOT_LOADED} | {ALREADY_ISSUED} | {SOLD_OUT} | {ISSUED, stream entry id}, the first
     * value a {@link ClaimVerdict}. Reading the new
     * entry into the group puts it in this consumer's pending list in the same atomic step, so that a
     * claim whose process dies before writing it is found by XAUTOCLAIM.
     */
    private static final String CLAIM = """
            local total = redis.call('HGET', KEYS[1], 'total')
            if not total then return {'NOT_LOADED'} end
            if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return {'ALREADY_ISSUED'} end
            if tonumber(redis.call('HGET', KEYS[1], 'issued')) >= tonumber(total) then return {'SOLD_OUT'} end
            redis.pcall('XGROUP', 'CREATE', KEYS[3], ARGV[5], '$', 'MKSTREAM')
            local id = redis.call('XADD', KEYS[3], '*', 'id', ARGV[2], 'coupon', ARGV[3], 'user', ARGV[1], 'at', ARGV[4])
            redis.call('XREADGROUP', 'GROUP', ARGV[5], ARGV[6], 'COUNT', 1, 'STREAMS', KEYS[3], '>')
            redis.call('HINCRBY', KEYS[1], 'issued', 1)
            redis.call('SADD', KEYS[2], ARGV[1])
            return {'ISSUED', id}
            """;

    /**
     * KEYS: state, users. ARGV: total, issued, users... Initialises only if the state is absent (another
     * instance may have loaded it, and issued since); returns 1 if it loaded.
     */
    private static final String LOAD = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return {0} end
            redis.call('DEL', KEYS[2])
            for i = 3, #ARGV, 1000 do
                redis.call('SADD', KEYS[2], unpack(ARGV, i, math.min(i + 999, #ARGV)))
            end
            redis.call('HSET', KEYS[1], 'total', ARGV[1], 'issued', ARGV[2])
            return {1}
            """;

    /**
     * KEYS: stream. ARGV: group, entry ids. Acknowledges and deletes them (one XACK, one XDEL), so that
     * the stream holds only open claims.
     */
    private static final String DONE = """
            redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
            return {redis.call('XDEL', KEYS[1], unpack(ARGV, 2))}
            """;

    /** Entry ids per DONE call: well below Lua's limit on unpacked values. */
    static final int DONE_CHUNK = 1000;

    /** KEYS: state. Sets issued = total if the state exists (PostgreSQL found the coupon sold out, which is final). */
    private static final String SOLD_OUT = """
            local total = redis.call('HGET', KEYS[1], 'total')
            if total then redis.call('HSET', KEYS[1], 'issued', total) end
            return {1}
            """;

    private final RedissonClient redisson;
    private final String consumer;
    private final String claimSha = sha1(CLAIM);
    private final String loadSha = sha1(LOAD);
    private final String doneSha = sha1(DONE);
    private final String soldOutSha = sha1(SOLD_OUT);

    /** @param consumer this instance's name in the stream's consumer group: unique per instance */
    public RedisClaims(RedissonClient redisson, String consumer) {
        this.redisson = redisson;
        this.consumer = consumer;
    }

    /** This instance's name in the stream's consumer group. */
    public String consumer() {
        return consumer;
    }

    /** The script's answer: the verdict and, if ISSUED, the stream entry to acknowledge once written. */
    record Claim(ClaimVerdict verdict, String entryId) {
    }

    Claim claim(IssuedCoupon copy) {
        List<Object> answer = eval(CLAIM, claimSha, RScript.Mode.READ_WRITE,
                List.of(stateKey(copy.couponId()), usersKey(copy.couponId()), STREAM),
                String.valueOf(copy.userId()), copy.id(), copy.couponId(), copy.issuedAt().toString(), GROUP, consumer);
        return new Claim(ClaimVerdict.of(answer.get(0)), answer.size() > 1 ? String.valueOf(answer.get(1)) : null);
    }

    /** Loads the coupon's state unless present; true if this call loaded it. */
    boolean load(String couponId, CouponState state) {
        List<Object> args = new ArrayList<>(state.users().size() + 2);
        args.add(String.valueOf(state.total()));
        args.add(String.valueOf(state.issued()));
        state.users().forEach(user -> args.add(String.valueOf(user)));
        List<Object> answer = eval(LOAD, loadSha, RScript.Mode.READ_WRITE,
                List.of(stateKey(couponId), usersKey(couponId)), args.toArray());
        return answer.size() == 1 && "1".equals(String.valueOf(answer.get(0)));
    }

    /** Acknowledges and deletes a stream entry whose claim PostgreSQL has decided. */
    void done(String entryId) {
        done(List.of(entryId));
    }

    /**
     * Acknowledges and deletes stream entries whose claim PostgreSQL has decided: one round trip per
     * {@value #DONE_CHUNK} entries.
     */
    @Override
    public void done(List<String> entryIds) {
        for (int from = 0; from < entryIds.size(); from += DONE_CHUNK) {
            List<String> chunk = entryIds.subList(from, Math.min(from + DONE_CHUNK, entryIds.size()));
            Object[] args = new Object[chunk.size() + 1];
            args[0] = GROUP;
            for (int i = 0; i < chunk.size(); i++) {
                args[i + 1] = chunk.get(i);
            }
            eval(DONE, doneSha, RScript.Mode.READ_WRITE, List.of(STREAM), args);
        }
    }

    /** Records that the coupon is sold out (PostgreSQL says so, and it stays so), without reloading it. */
    @Override
    public void soldOut(String couponId) {
        eval(SOLD_OUT, soldOutSha, RScript.Mode.READ_WRITE, List.of(stateKey(couponId)));
    }

    /** Drops the coupon's Redis state (both keys at once), so that the next claim reloads it from PostgreSQL. */
    @Override
    public void forget(String couponId) {
        redisson.getKeys().delete(stateKey(couponId), usersKey(couponId));
    }

    static String stateKey(String couponId) {
        return "coupon:{" + couponId + "}:state";
    }

    static String usersKey(String couponId) {
        return "coupon:{" + couponId + "}:users";
    }

    /** EVALSHA; after NOSCRIPT (the script did not run) the script is loaded and run once more. */
    @SuppressWarnings("unchecked")
    private List<Object> eval(String script, String sha, RScript.Mode mode, List<Object> keys, Object... args) {
        RScript scripts = redisson.getScript(StringCodec.INSTANCE);
        Object answer;
        try {
            answer = scripts.evalSha(mode, sha, RScript.ReturnType.LIST, keys, args);
        } catch (RedisException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            scripts.scriptLoad(script);
            answer = scripts.evalSha(mode, sha, RScript.ReturnType.LIST, keys, args);
        }
        if (answer instanceof List<?> list) {
            return (List<Object>) list;
        }
        return answer == null ? List.of() : List.of(answer);
    }

    private static boolean isNoScript(RedisException e) {
        return e instanceof RedisNoScriptException || String.valueOf(e.getMessage()).contains("NOSCRIPT");
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
