package dev.commerce.bench;

import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;

/** What every simulation shares: its parameters (system properties) and outcome recording. */
final class Simulations {

    static final String BASE_URL = "bench.baseUrl";
    static final String USERS = "bench.run.users";
    static final String SECONDS = "bench.seconds";

    private Simulations() {
    }

    static int users() {
        return Integer.getInteger(USERS, 8);
    }

    static Duration duration() {
        return Duration.ofSeconds(Long.getLong(SECONDS, 10));
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("missing system property " + name);
        }
        return value;
    }

    static HttpProtocolBuilder protocol() {
        return http.baseUrl(property(BASE_URL))
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .authorizationHeader(BenchTokens.AUTHORIZATION)
                .disableCaching()
                .disableWarmUp();
    }

    /**
     * Saves the status, the response time and, for error answers only, the problem code, for
     * {@link #record}. Successful bodies are not parsed: the load generator shares the machine's
     * two cores with the service, so its own work is kept small.
     */
    static HttpRequestActionBuilder withOutcomeChecks(HttpRequestActionBuilder request) {
        return request
                .check(status().saveAs("status"), responseTimeInMillis().saveAs("millis"))
                .checkIf((response, session) -> response.status().code() >= 400)
                .then(jsonPath("$.code").optional().saveAs("code"));
    }

    static Session record(Session session) {
        Outcomes.record(session.getInt("status"), session.contains("code") ? session.getString("code") : null,
                session.getLong("millis"));
        return session.remove("code");
    }

    /** As {@link #record}, with the operation's name in front of the outcome (for mixed traffic). */
    static java.util.function.Function<Session, Session> record(String operation) {
        return session -> {
            Outcomes.record(operation, session.getInt("status"),
                    session.contains("code") ? session.getString("code") : null, session.getLong("millis"));
            return session.remove("code");
        };
    }
}
