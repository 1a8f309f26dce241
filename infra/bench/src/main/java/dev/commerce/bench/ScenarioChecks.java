package dev.commerce.bench;

import dev.commerce.infra.check.InvariantChecker;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * After each scenario: every invariant of {@link InvariantChecker} over the whole database, plus
 * the scenario's own count (what the clients were told succeeded is what the database holds).
 */
final class ScenarioChecks {

    private final String url;
    private final String user;
    private final String password;

    ScenarioChecks(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Violations, empty when all hold; {@code countQuery} takes one parameter and returns one number. */
    List<String> check(String what, String countQuery, String parameter, long expected) throws SQLException {
        List<String> broken = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            broken.addAll(InvariantChecker.violations(connection));
            if (countQuery != null) {
                try (PreparedStatement count = connection.prepareStatement(countQuery)) {
                    count.setString(1, parameter);
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        long actual = rs.getLong(1);
                        if (actual != expected) {
                            broken.add(what + ": clients saw " + expected + ", database holds " + actual);
                        }
                    }
                }
            }
        }
        return broken;
    }

    /**
     * A count that may exceed what the clients saw by the requests still in flight when the load generator
     * stopped (wrk closes its connections at the deadline; the service may still complete what it had read):
     * {@code min <= count <= max}. Each bound is a count of the scenario, checked after one pass of the
     * invariant checker by {@link #check(String, List)}'s caller.
     */
    record Bounded(String what, String query, long min, long max) {
    }

    /** The invariants of {@link InvariantChecker} plus each bounded count; violations, empty when all hold. */
    List<String> checkBounded(String parameter, List<Bounded> counts) throws SQLException {
        List<String> broken = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            broken.addAll(InvariantChecker.violations(connection));
        }
        for (Bounded count : counts) {
            long actual = count(count.query(), parameter);
            if (actual < count.min() || actual > count.max()) {
                broken.add(count.what() + ": expected " + (count.min() == count.max() ? Long.toString(count.min())
                        : count.min() + " to " + count.max()) + ", database holds " + actual);
            }
        }
        return broken;
    }

    /** One expected count of a scenario: {@code query} takes the scenario's one parameter and returns one number. */
    record Expected(String what, String query, long expected) {
    }

    /** As {@link #check}, with several counts of one scenario after one pass of the invariant checker. */
    List<String> check(String parameter, List<Expected> counts) throws SQLException {
        List<String> broken = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            broken.addAll(InvariantChecker.violations(connection));
            for (Expected count : counts) {
                try (PreparedStatement statement = connection.prepareStatement(count.query())) {
                    statement.setString(1, parameter);
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        long actual = rs.getLong(1);
                        if (actual != count.expected()) {
                            broken.add(count.what() + ": expected " + count.expected() + ", database holds " + actual);
                        }
                    }
                }
            }
        }
        return broken;
    }

    /**
     * Polls {@code countQuery} until it returns 0 or {@code timeout} passed (work the service finishes after
     * answering, such as confirming a paid order's reservation); true if it reached 0.
     */
    boolean awaitZero(String countQuery, String parameter, java.time.Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(countQuery, parameter) != 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    long count(String countQuery, String parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement count = connection.prepareStatement(countQuery)) {
            count.setString(1, parameter);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
