package dev.commerce.platform.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Database edge settings ({@code commerce.database.*}).
 *
 * @param unreachableTimeout how long a request waits for a pooled connection while the database
 *                           refuses new connections, before it is answered 503; a busy pool
 *                           still queues for {@code spring.datasource.hikari.connection-timeout}
 */
@ConfigurationProperties("commerce.database")
record DatabaseProperties(@DefaultValue("1s") Duration unreachableTimeout) {
}
