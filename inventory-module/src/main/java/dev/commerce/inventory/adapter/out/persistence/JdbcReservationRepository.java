package dev.commerce.inventory.adapter.out.persistence;

import dev.commerce.inventory.ReservationStatus;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.application.port.StockRepository;
import dev.commerce.inventory.domain.Reservation;
import dev.commerce.inventory.domain.ReservationLine;
import dev.commerce.inventory.domain.Stock;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reservations in {@code inventory.reservation} and their lines in {@code inventory.reservation_line}. */
public class JdbcReservationRepository implements ReservationRepository {

    // The stocks, the reservation and its lines in one statement. The stock rows are already
    // locked by the caller; the final INSERT runs only if every stock row was updated, so a count
    // of zero lines tells that something did not match.
    private static final String PLACE = """
            WITH stock_rows AS (
                UPDATE inventory.stock s
                SET on_hand = c.on_hand, reserved = c.reserved, version = s.version + 1, updated_at = now()
                FROM unnest(?::text[], ?::bigint[], ?::bigint[]) AS c (sku, on_hand, reserved)
                WHERE s.sku = c.sku
                RETURNING s.sku),
            placed AS (
                INSERT INTO inventory.reservation (id, order_id, status, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?)
                RETURNING id)
            INSERT INTO inventory.reservation_line (reservation_id, line_no, sku, quantity)
            SELECT placed.id, line.line_no, line.sku, line.quantity
            FROM placed, unnest(?::int[], ?::text[], ?::int[]) AS line (line_no, sku, quantity)
            WHERE (SELECT count(*) FROM stock_rows) = ?""";

    private final JdbcClient jdbc;
    private final boolean oneStatementPlacement;

    public JdbcReservationRepository(JdbcClient jdbc) {
        this(jdbc, true);
    }

    /**
     * @param oneStatementPlacement whether {@link #place} writes stocks and reservation in one
     *                              statement; false when stocks must be saved through their own
     *                              repository (the optimistic strategy's version check)
     */
    public JdbcReservationRepository(JdbcClient jdbc, boolean oneStatementPlacement) {
        this.jdbc = jdbc;
        this.oneStatementPlacement = oneStatementPlacement;
    }

    @Override
    public void place(Reservation reservation, Collection<Stock> reservedStocks, StockRepository stocks) {
        if (!oneStatementPlacement) {
            ReservationRepository.super.place(reservation, reservedStocks, stocks);
            return;
        }
        List<Stock> changed = List.copyOf(reservedStocks);
        String[] stockSkus = changed.stream().map(Stock::sku).toArray(String[]::new);
        Long[] onHand = changed.stream().map(Stock::onHand).toArray(Long[]::new);
        Long[] reserved = changed.stream().map(Stock::reserved).toArray(Long[]::new);
        Lines lines = Lines.of(reservation);
        int insertedLines = jdbc.sql(PLACE)
                .params(stockSkus, onHand, reserved,
                        reservation.id(), reservation.orderId(), reservation.status().name(),
                        Timestamp.from(reservation.createdAt()), Timestamp.from(reservation.expiresAt()),
                        lines.numbers(), lines.skus(), lines.quantities(), changed.size())
                .update();
        if (insertedLines != lines.skus().length) {
            // stock rows are never deleted and the caller holds their locks: corrupt data or a bug
            throw new IllegalStateException("reservation " + reservation.id() + " not placed: " + insertedLines
                    + " of " + lines.skus().length + " lines written, stocks " + String.join(", ", stockSkus));
        }
    }

    /** A reservation's lines as the three arrays {@code unnest} reads. */
    private record Lines(Integer[] numbers, String[] skus, Integer[] quantities) {

        static Lines of(Reservation reservation) {
            List<ReservationLine> lines = reservation.lines();
            Integer[] numbers = new Integer[lines.size()];
            String[] skus = new String[lines.size()];
            Integer[] quantities = new Integer[lines.size()];
            for (int lineNo = 0; lineNo < lines.size(); lineNo++) {
                numbers[lineNo] = lineNo;
                skus[lineNo] = lines.get(lineNo).sku();
                quantities[lineNo] = lines.get(lineNo).quantity();
            }
            return new Lines(numbers, skus, quantities);
        }
    }

    @Override
    public void save(Reservation reservation) {
        // A new reservation and its lines in one statement (one round trip while the stock rows are
        // locked); an existing one inserts nothing here and only its status changes.
        Lines lines = Lines.of(reservation);
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
                        lines.numbers(), lines.skus(), lines.quantities())
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
