package dev.commerce.fullstack;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.redisson.spring.starter.RedissonAutoConfigurationV4;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;

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
 * application's component scan would pick it up): a class that imports, and declares one bean.
 */
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
        FlywayAutoConfiguration.class, DataRedisAutoConfiguration.class, RedissonAutoConfigurationV4.class})
public class StoresOnly {

    /** Connections the guard tests use at most at once (two instances' holders, a few racing statements). */
    static final int POOL_SIZE = 8;

    /**
     * A small pool that lets go of its idle connections: this context stays cached for the rest of
     * the suite, and a pool of the application's 20 connections held open would take them from
     * the packaged instances of later ITs (the local PostgreSQL allows 300 in all).
     */
    @Bean
    static BeanPostProcessor smallPoolThatEmpties() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool) {
                    pool.setMaximumPoolSize(POOL_SIZE);
                    pool.setMinimumIdle(0);
                    pool.setIdleTimeout(Duration.ofSeconds(10).toMillis());
                }
                return bean;
            }
        };
    }
}
