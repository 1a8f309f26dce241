package dev.commerce.infra.local;

import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** PostgreSQL and Redis in containers, for machines where a Docker engine answers. */
final class ContainerServers {

    static final String POSTGRES_IMAGE = "postgres:17-alpine";
    static final String REDIS_IMAGE = "redis:7-alpine";

    private ContainerServers() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static LocalServer postgres() {
        PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE))
                .withCommand("postgres", "-c", "max_connections=300");
        container.start();
        return new Started(container, Map.of(
                "spring.datasource.url", container.getJdbcUrl(),
                "spring.datasource.username", container.getUsername(),
                "spring.datasource.password", container.getPassword()));
    }

    static LocalServer redis() {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE))
                .withExposedPorts(6379);
        container.start();
        return new Started(container, Map.of("spring.data.redis.url",
                "redis://" + container.getHost() + ":" + container.getMappedPort(6379)));
    }

    private record Started(GenericContainer<?> container, Map<String, Object> properties) implements LocalServer {

        @Override
        public String provider() {
            return "testcontainers";
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
