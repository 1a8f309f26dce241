package dev.commerce.coupon.adapter.out.atomic;

import dev.commerce.coupon.application.port.ClaimRecovery;
import dev.commerce.coupon.domain.IssuedCoupon;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.AutoClaimResult;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes claims that Redis admitted but no request wrote to PostgreSQL (its process died between
 * the script and the write, or PostgreSQL failed then). XAUTOCLAIM takes over stream entries pending
 * longer than the minimum idle time, from any consumer, and makes them this instance's, so that
 * several instances running it at once do not take the same entry; each is written idempotently
 * (by copy id and the unique (coupon, user) key) and acknowledged only after the commit. The claims
 * a pass wrote are counted by {@link MeteredClaimRecovery}; the metrics here count refusals only.
 */
class RedisStreamClaimRecovery implements ClaimRecovery {

    private static final Logger log = LoggerFactory.getLogger(RedisStreamClaimRecovery.class);

    private final RedissonClient redisson;
    private final RedisClaims redis;
    private final JdbcClaimStore store;
    private final Duration minIdle;
    private final int batchSize;
    private final AtomicIssueMetrics metrics;

    RedisStreamClaimRecovery(RedissonClient redisson, RedisClaims redis, JdbcClaimStore store, Duration minIdle,
            int batchSize, AtomicIssueMetrics metrics) {
        this.redisson = redisson;
        this.redis = redis;
        this.store = store;
        this.minIdle = minIdle;
        this.batchSize = batchSize;
        this.metrics = metrics;
    }

    /**
     * One pass: takes over at most one batch of idle entries and writes each.
     *
     * @return how many claims this pass wrote to PostgreSQL
     */
    @Override
    public int recover() {
        RStream<String, String> stream = redisson.getStream(RedisClaims.STREAM, StringCodec.INSTANCE);
        if (!stream.isExists()) {
            return 0;
        }
        AutoClaimResult<String, String> taken;
        try {
            taken = stream.autoClaim(RedisClaims.GROUP, redis.consumer(), minIdle.toMillis(), TimeUnit.MILLISECONDS,
                    StreamMessageId.MIN, batchSize);
        } catch (RedisException e) {
            if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
                return 0; // no claim has been recorded since Redis lost its data
            }
            throw e;
        }
        int written = 0;
        for (Map.Entry<StreamMessageId, Map<String, String>> entry : taken.getMessages().entrySet()) {
            String entryId = entry.getKey().toString();
            Map<String, String> fields = entry.getValue();
            IssuedCoupon copy;
            try {
                copy = new IssuedCoupon(fields.get("id"), fields.get("coupon"), Long.parseLong(fields.get("user")),
                        Instant.parse(fields.get("at")));
            } catch (RuntimeException e) {
                // not written by the claim script; kept pending it would be taken over forever
                log.error("Dropping malformed coupon claim entry {} {}: {}", entryId, fields, e.toString());
                redis.done(entryId);
                continue;
            }
            JdbcClaimStore.Persisted persisted = store.persist(copy);
            ClaimAcknowledger.acknowledge(copy, entryId, persisted, redis, metrics);
            if (persisted == JdbcClaimStore.Persisted.WRITTEN) {
                written++;
            }
            log.info("Recovered claim {} of coupon {} for user {} (stream entry {}): {}", copy.id(), copy.couponId(),
                    copy.userId(), entryId, persisted);
        }
        return written;
    }
}
