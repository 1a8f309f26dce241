package dev.commerce.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * With a separate management port (API.md, Operations): metrics are served there without a
 * token, for a scraper on the private network, while the public port still asks for an
 * administrator's token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class ManagementPortIT extends FullStackTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void metrics_are_open_on_the_management_port_and_for_administrators_only_on_the_public_one() {
        ApiClient.Response scraped = new ApiClient(managementPort).anonymous().get("/actuator/prometheus");
        ApiClient.Response publicAnonymous = new ApiClient(port).anonymous().get("/actuator/prometheus");

        assertThat(managementPort).isNotEqualTo(port);
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.body()).contains("jvm_memory_used_bytes");
        assertThat(publicAnonymous.status()).isIn(401, 404);
    }
}
