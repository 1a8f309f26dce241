package dev.commerce.inventory.adapter.out.persistence;

import dev.commerce.inventory.ReservationStatus;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.domain.Reservation;
import dev.commerce.inventory.domain.ReservationLine;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reservations in {@code inventory.reservation} and their lines in {@code inventory.reservation_line}. */
public class JdbcReservationRepository implements ReservationRepository {

    private final JdbcClient jdbc;

    public JdbcReservationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(Reservation reservation) {
        // A new reservation and its lines in one statement (one round trip while the stock rows are
        // locked); an existing one inserts nothing here and only its status changes.
        List<ReservationLine> lines = reservation.lines();
        Integer[] lineNumbers = new Integer[lines.size()];
        String[] skus = new String[lines.size()];
        Integer[] quantities = new Integer[lines.size()];
        for (int lineNo = 0; lineNo < lines.size(); lineNo++) {
            lineNumbers[lineNo] = lineNo;
            skus[lineNo] = lines.get(lineNo).sku();
            quantities[lineNo] = lines.get(lineNo).quantity();
        }
        int insertedLines = jdbc.sql("""
                WITH placed AS (
                    INSERT INTO inventory.reservation (id, order_id, status, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO NOTHING
                    RETURNING id)
                INSERT INTO inventory.reservation_line (reservation_id, line_no, sku, quantity)
                SELECT placed.id, line.line_no, line.sku, line.quantity
                FROM placed, unnest(?::int[], ?::text[], ?::int[]) AS line (line_no, sku, quantity)""")
                .params(reservation.id(), reservation.orderId(), reservation.status().name(),
                        Timestamp.from(reservation.createdAt()), Timestamp.from(reservation.expiresAt()),
                        lineNumbers, skus, quantities)
                .update();
        if (insertedLines == 0) {
            // lines never change after a reservation is placed
            jdbc.sql("UPDATE inventory.reservation SET status = ?, updated_at = now() WHERE id = ?")
                    .params(reservation.status().name(), reservation.id())
                    .update();
        }
    }

    @Override
    public Optional<Reservation> findById(String id) {
        List<ReservationLine> lines = jdbc.sql(
                        "SELECT sku, quantity FROM inventory.reservation_line WHERE reservation_id = ? ORDER BY line_no")
                .param(id)
                .query((rs, row) -> new ReservationLine(rs.getString("sku"), rs.getInt("quantity")))
                .list();
        return jdbc.sql("SELECT id, order_id, status, created_at, expires_at FROM inventory.reservation WHERE id = ?")
                .param(id)
                .query((rs, row) -> Reservation.reconstitute(rs.getString("id"), rs.getString("order_id"), lines,
                        ReservationStatus.valueOf(rs.getString("status")),
                        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }

    @Override
    public List<String> findOverduePendingIds(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM inventory.reservation
                WHERE status = 'PENDING' AND expires_at <= ?
                ORDER BY expires_at
                LIMIT ?""")
                .params(Timestamp.from(now), limit)
                .query(String.class)
                .list();
    }
}
