package dev.commerce.fullstack.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The service on a Sentinel group (a master, two replicas, three sentinels), named by
 * {@code spring.data.redis.sentinel.master} and {@code .nodes} only ({@link RedisTopologyContract}).
 */
class RedisSentinelIT extends RedisTopologyContract {

    @Override
    RedisTopology startTopology() {
        return RedisTopology.sentinel(2, false);
    }

    @Override
    Map<String, Object> redisProperties() {
        return topology.sentinelProperties();
    }

    @Override
    void assertHealthDetailsShowTheTopology(JsonNode details) {
        assertThat(details.path("version").asString()).as("version").startsWith("7.");
    }
}
