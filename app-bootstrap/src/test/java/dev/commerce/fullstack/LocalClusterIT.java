package dev.commerce.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.infra.local.LocalCluster;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The launcher behind {@code infra/cluster.sh}: three processes of the packaged service on
 * consecutive ports, each healthy and sharing one database, all gone after close.
 */
class LocalClusterIT {

    @Test
    void three_instances_answer_on_consecutive_ports_share_one_database_and_stop_cleanly() throws Exception {
        int firstPort = PackagedApplication.freeConsecutivePorts(3);
        List<String> urls;
        String sku = "cluster-" + System.nanoTime();
        try (LocalCluster cluster = LocalCluster.start(3, PackagedApplication.jar(), firstPort,
                Path.of("target/cluster-it"), List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"))) {
            urls = cluster.urls();
            assertThat(urls).containsExactly("http://127.0.0.1:" + firstPort, "http://127.0.0.1:" + (firstPort + 1),
                    "http://127.0.0.1:" + (firstPort + 2));
            for (String url : urls) {
                ApiClient.Response health = new ApiClient(URI.create(url).getPort()).get("/actuator/health");
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.json().path("status").asString()).isEqualTo("UP");
            }
            // written through the first instance, read through the third: one shared database
            assertThat(new ApiClient(firstPort).put("/api/v1/products/" + sku + "/stock",
                    java.util.Map.of("onHand", 7)).status()).isEqualTo(200);
            assertThat(new ApiClient(firstPort + 2).get("/api/v1/products/" + sku + "/stock").json()
                    .path("onHand").asLong()).isEqualTo(7);
        }

        for (String url : urls) {
            int port = URI.create(url).getPort();
            assertThat(isListening(port)).as("port %d after close", port).isFalse();
        }
    }

    private static boolean isListening(int port) {
        try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
