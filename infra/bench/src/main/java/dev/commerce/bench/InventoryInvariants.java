package dev.commerce.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the database after a scenario and proves the inventory invariants for the SKUs it used:
 * reserved equals the units of pending reservations, {@code 0 <= reserved <= on_hand}, and the
 * reservations stored equal the successes the clients saw.
 */
final class InventoryInvariants {

    private final String url;
    private final String user;
    private final String password;

    InventoryInvariants(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Empty when everything holds; otherwise one line per broken invariant. */
    List<String> check(List<String> skus, long successesSeen) throws SQLException {
        List<String> broken = new ArrayList<>();
        long reservedTotal = 0;
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement stock = connection.prepareStatement("""
                        SELECT s.on_hand, s.reserved,
                               (SELECT coalesce(sum(l.quantity), 0) FROM inventory.reservation_line l
                                JOIN inventory.reservation r ON r.id = l.reservation_id
                                WHERE l.sku = s.sku AND r.status = 'PENDING') AS pending,
                               (SELECT count(*) FROM inventory.reservation_line l WHERE l.sku = s.sku) AS reservations
                        FROM inventory.stock s WHERE s.sku = ?""")) {
            long reservations = 0;
            for (String sku : skus) {
                stock.setString(1, sku);
                try (ResultSet rs = stock.executeQuery()) {
                    if (!rs.next()) {
                        broken.add(sku + ": missing");
                        continue;
                    }
                    long onHand = rs.getLong(1);
                    long reserved = rs.getLong(2);
                    long pending = rs.getLong(3);
                    reservations += rs.getLong(4);
                    reservedTotal += reserved;
                    if (reserved != pending) {
                        broken.add(sku + ": reserved " + reserved + " but pending lines hold " + pending);
                    }
                    if (reserved < 0 || reserved > onHand) {
                        broken.add(sku + ": reserved " + reserved + " outside 0.." + onHand);
                    }
                }
            }
            if (reservations != successesSeen || reservedTotal != successesSeen) {
                broken.add("clients saw " + successesSeen + " reservations; database holds " + reservations
                        + " reservations and " + reservedTotal + " reserved units");
            }
        }
        return broken;
    }
}
