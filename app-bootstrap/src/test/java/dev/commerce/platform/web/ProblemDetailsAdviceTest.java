package dev.commerce.platform.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.commerce.shared.DomainException;
import dev.commerce.shared.ErrorCategory;
import dev.commerce.shared.ErrorCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Every failure leaves as a problem detail with a stable code and no internals. */
class ProblemDetailsAdviceTest {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FixtureController())
            .setControllerAdvice(new ProblemDetailsAdvice())
            .build();

    @Test
    void a_domain_exception_becomes_a_problem_with_its_code_and_category_status() throws Exception {
        mvc.perform(get("/fixture/fail/SOLD_OUT"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("SOLD_OUT"))
                .andExpect(jsonPath("$.status").value(409))
                .andExpect(jsonPath("$.title").value("Sold out"))
                .andExpect(jsonPath("$.detail").value("nothing left"))
                .andExpect(jsonPath("$.type").value("urn:problem-type:commerce:sold-out"));
    }

    @Test
    void a_retryable_domain_exception_carries_retry_after_in_whole_seconds() throws Exception {
        mvc.perform(get("/fixture/fail/BUSY"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.code").value("BUSY"));
    }

    @Test
    void malformed_json_is_a_400_problem_with_code_invalid_request() throws Exception {
        mvc.perform(post("/fixture/echo").contentType(MediaType.APPLICATION_JSON).content("{\"name\": "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("INVALID_REQUEST"));
    }

    @Test
    void a_wrong_content_type_is_a_415_problem() throws Exception {
        mvc.perform(post("/fixture/echo").contentType(MediaType.TEXT_PLAIN).content("name"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.code").value("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void a_wrong_method_is_a_405_problem() throws Exception {
        mvc.perform(get("/fixture/echo"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.code").value("METHOD_NOT_ALLOWED"));
    }

    @Test
    void an_unexpected_exception_is_a_500_problem_without_internals() throws Exception {
        mvc.perform(get("/fixture/boom"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.code").value("INTERNAL_ERROR"))
                .andExpect(jsonPath("$.detail").value("An unexpected error occurred."))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("secret"))));
    }

    @Test
    void a_database_connection_lost_under_any_wrapper_is_a_503_problem_with_retry_after() throws Exception {
        mvc.perform(get("/fixture/connection-lost"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.code").value("SERVICE_UNAVAILABLE"));
    }

    @Test
    void an_sql_failure_that_is_not_about_the_connection_stays_a_500() throws Exception {
        mvc.perform(get("/fixture/sql-bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.code").value("INTERNAL_ERROR"));
    }

    enum FixtureCode implements ErrorCode {
        SOLD_OUT(ErrorCategory.CONFLICT), BUSY(ErrorCategory.UNAVAILABLE);

        private final ErrorCategory category;

        FixtureCode(ErrorCategory category) {
            this.category = category;
        }

        @Override
        public ErrorCategory category() {
            return category;
        }
    }

    record Named(String name) {
    }

    @RestController
    static class FixtureController {

        @GetMapping("/fixture/fail/{code}")
        String fail(@PathVariable FixtureCode code) {
            throw code == FixtureCode.BUSY
                    ? new DomainException(code, "try later", Duration.ofMillis(1500), null)
                    : new DomainException(code, "nothing left");
        }

        @PostMapping(path = "/fixture/echo", consumes = MediaType.APPLICATION_JSON_VALUE)
        Named echo(@RequestBody Named named) {
            return named;
        }

        /** What a transaction whose connection died looks like once Spring's JDBC transaction manager wrapped it. */
        @GetMapping("/fixture/connection-lost")
        String connectionLost() {
            throw new org.springframework.transaction.TransactionSystemException("Could not roll back JDBC transaction",
                    new java.sql.SQLException("Connection is closed"));
        }

        @GetMapping("/fixture/sql-bug")
        String sqlBug() {
            throw new org.springframework.jdbc.UncategorizedSQLException("issuing", "select",
                    new java.sql.SQLException("syntax error", "42601"));
        }

        @GetMapping("/fixture/boom")
        String boom() {
            throw new IllegalStateException("secret internal state at org.example.Secret");
        }
    }
}
