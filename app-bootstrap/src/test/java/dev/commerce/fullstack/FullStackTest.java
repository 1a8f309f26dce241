package dev.commerce.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.infra.check.InvariantChecker;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every full-stack test starts from: the whole application on a random port over the
 * embedded PostgreSQL and Redis, a client acting as the administrator ({@link #api}, new for each
 * test; {@code api.as(userId)} acts as a buyer), the database ({@link #jdbc}, {@link #dataSource}),
 * the invariant check and the fixtures most tests need.
 *
 * <p>Spring caches one application context per configuration, and the suite shares the embedded
 * PostgreSQL's connections among the cached contexts: a subclass that needs other properties
 * repeats {@code @SpringBootTest(webEnvironment = RANDOM_PORT, properties = ...)} with exactly the
 * properties it had, so that it lands in the same cached context as the other classes that use them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class FullStackTest {

    /**
     * On a test class: every test ends with {@link #assertInvariantsHold()}, after the class's own
     * {@code @AfterEach} methods (which may first undo faults the test injected).
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @Inherited
    public @interface InvariantsCheckedAfterEachTest {
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected DataSource dataSource;

    /** A client acting as the administrator, on the application's port; new for each test. */
    protected ApiClient api;

    @BeforeEach
    final void connectTheAdministrator() {
        api = new ApiClient(port);
    }

    @AfterEach
    final void invariantsHoldIfChecked() {
        if (getClass().isAnnotationPresent(InvariantsCheckedAfterEachTest.class)) {
            assertInvariantsHold();
        }
    }

    /** Fails, listing them, if the database breaks any of the invariants {@link InvariantChecker} checks. */
    protected final void assertInvariantsHold() {
        assertThat(InvariantChecker.violations(dataSource)).as("invariant violations").isEmpty();
    }

    /** Puts {@code onHand} units of {@code sku} in stock. */
    protected final void stock(String sku, long onHand) {
        assertThat(api.put("/api/v1/products/" + sku + "/stock", Map.of("onHand", onHand)).status())
                .as("stock of " + sku).isEqualTo(200);
    }

    /** Prices {@code sku} at {@code price} in {@code currency}. */
    protected final void price(String sku, long price, String currency) {
        assertThat(api.put("/api/v1/products/" + sku + "/price", Map.of("price", price, "currency", currency)).status())
                .as("price of " + sku).isEqualTo(200);
    }
}
