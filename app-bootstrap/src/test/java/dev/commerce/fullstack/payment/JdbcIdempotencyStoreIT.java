package dev.commerce.fullstack.payment;

import dev.commerce.fullstack.StoresOnly;
import dev.commerce.payment.adapter.out.persistence.JdbcIdempotencyStore;
import dev.commerce.payment.application.port.IdempotencyStore;
import dev.commerce.payment.application.port.IdempotencyStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@link IdempotencyStore} contract on PostgreSQL ({@code payment.idempotency_key}): the scenarios of
 * {@link IdempotencyStoreContract}, which the in-memory twin passes too.
 */
@SpringBootTest(classes = StoresOnly.class)
class JdbcIdempotencyStoreIT extends IdempotencyStoreContract {

    private final IdempotencyStore store;
    private final JdbcClient jdbc;

    @Autowired
    JdbcIdempotencyStoreIT(JdbcClient jdbc) {
        this.store = new JdbcIdempotencyStore(jdbc);
        this.jdbc = jdbc;
    }

    @Override
    protected IdempotencyStore store() {
        return store;
    }

    /** These keys point at payment ids that were never stored: remove them, or they would break the invariants. */
    @AfterEach
    void forgetTheKeysOfThisTest() {
        jdbc.sql("delete from payment.idempotency_key where idempotency_key like 'contract-%'").update();
    }
}
