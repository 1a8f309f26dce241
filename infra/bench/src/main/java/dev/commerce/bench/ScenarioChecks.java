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
