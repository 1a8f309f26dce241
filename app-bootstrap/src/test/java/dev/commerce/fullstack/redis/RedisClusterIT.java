package dev.commerce.fullstack.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The service on a Redis Cluster of three masters with a replica each, named by
 * {@code spring.data.redis.cluster.nodes} only ({@link RedisTopologyContract}).
 */
class RedisClusterIT extends RedisTopologyContract {

    @Override
    RedisTopology startTopology() {
        return RedisTopology.cluster(3);
    }

    @Override
    Map<String, Object> redisProperties() {
        return topology.clusterProperties();
    }

    @Override
    void assertHealthDetailsShowTheTopology(JsonNode details) {
        assertThat(details.path("cluster_size").asInt()).as("cluster_size").isEqualTo(3);
        assertThat(details.path("slots_up").asInt()).as("slots_up").isEqualTo(16384);
    }
}
