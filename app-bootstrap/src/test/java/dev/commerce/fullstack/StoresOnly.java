package dev.commerce.fullstack;

import org.redisson.spring.starter.RedissonAutoConfigurationV4;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

/**
 * The smallest context a test of adapters needs: PostgreSQL (migrated by Flyway, as the application
 * migrates it), its transactions and {@code JdbcClient}, and Redisson; both servers resolved as the
 * application resolves them (configured, or started for this JVM). None of the application's beans,
 * no web server, no background jobs. The guard ITs call the adapters directly, so this is all they
 * use; it starts in a fraction of the application's time, which the guard mutations
 * ({@code infra/mutations}) pay once per mutation. Use with
 * {@code @SpringBootTest(classes = StoresOnly.class)}.
 *
 * <p>Deliberately neither a {@code @SpringBootConfiguration} (the tests of this package that name
 * no classes would find it instead of the application) nor a {@code @Configuration} (the
 * application's component scan would pick it up): a class that only imports.
 */
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
        FlywayAutoConfiguration.class, DataRedisAutoConfiguration.class, RedissonAutoConfigurationV4.class})
public class StoresOnly {
}
