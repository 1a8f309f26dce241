package dev.commerce.fullstack.redis;

import dev.commerce.CommerceApplication;
import dev.commerce.fullstack.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Instances of the service as separate application contexts in this JVM, each on a random port,
 * configured by command-line properties only: they share the PostgreSQL the infrastructure
 * resolution provides (the one the other tests use) and the Redis the properties name.
 */
final class ServiceInstances implements AutoCloseable {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final List<ApiClient> clients = new ArrayList<>();

    static ServiceInstances start(int count, Map<String, Object> properties) {
        ServiceInstances instances = new ServiceInstances();
        try {
            List<String> args = new ArrayList<>(List.of("--server.port=0"));
            properties.forEach((name, value) -> args.add("--" + name + "=" + value));
            for (int i = 0; i < count; i++) {
                ConfigurableApplicationContext context = new SpringApplicationBuilder(CommerceApplication.class)
                        .run(args.toArray(String[]::new));
                instances.contexts.add(context);
                instances.clients.add(new ApiClient(
                        Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"))));
            }
            return instances;
        } catch (RuntimeException | Error e) {
            instances.close();
            throw e;
        }
    }

    ApiClient client(int instance) {
        return clients.get(instance);
    }

    int size() {
        return clients.size();
    }

    ConfigurableApplicationContext context(int instance) {
        return contexts.get(instance);
    }

    JdbcTemplate jdbc() {
        return contexts.getFirst().getBean(JdbcTemplate.class);
    }

    DataSource dataSource() {
        return contexts.getFirst().getBean(DataSource.class);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (ConfigurableApplicationContext context : contexts) {
            try {
                context.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        contexts.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
