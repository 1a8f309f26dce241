package dev.commerce.inventory.adapter.out.persistence;

import dev.commerce.inventory.ReservationStatus;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.domain.Reservation;
import dev.commerce.inventory.domain.ReservationLine;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reservations in {@code inventory.reservation} and their lines in {@code inventory.reservation_line}.
 * A new reservation's request key is inserted with it; the unique index {@value #REQUEST_KEY_INDEX}
 * refuses a key its owner holds already, which is reported as {@link ReservationRepository.RequestKeyTaken}
 * (PostgreSQL answers it once the transaction that inserted the key first has committed; had that
 * one rolled back, the insert would go through). Public for the guard tests in app-bootstrap.
 */
public class JdbcReservationRepository implements ReservationRepository {

    /** The unique index on {@code (owner_id, request_key)}, named in PostgreSQL's error message. */
    static final String REQUEST_KEY_INDEX = "reservation_request_key_per_owner";

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
        int insertedLines = keyChecked(() -> jdbc.sql("""
                WITH placed AS (
                    INSERT INTO inventory.reservation (id, owner_id, order_id, status, created_at, expires_at,
                                                       request_key)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO NOTHING
                    RETURNING id)
                INSERT INTO inventory.reservation_line (reservation_id, line_no, sku, quantity)
                SELECT placed.id, line.line_no, line.sku, line.quantity
                FROM placed, unnest(?::int[], ?::text[], ?::int[]) AS line (line_no, sku, quantity)""")
                .params(reservation.id(), reservation.ownerId(), reservation.orderId(), reservation.status().name(),
                        Timestamp.from(reservation.createdAt()), Timestamp.from(reservation.expiresAt()),
                        reservation.requestKey(), lineNumbers, skus, quantities)
                .update());
        if (insertedLines == 0) {
            // lines never change after a reservation is placed
            jdbc.sql("UPDATE inventory.reservation SET status = ?, updated_at = now() WHERE id = ?")
                    .params(reservation.status().name(), reservation.id())
                    .update();
        }
    }

    @Override
    public void saveAll(List<Reservation> placed) {
        if (placed.size() == 1) {
            save(placed.get(0));
            return;
        }
        // New reservations and their lines in one statement; any that exists already (not placed
        // here: never the case for a batch of new ones) is then saved on its own.
        int reservationCount = placed.size();
        String[] ids = new String[reservationCount];
        Long[] ownerIds = new Long[reservationCount];
        String[] orderIds = new String[reservationCount];
        String[] statuses = new String[reservationCount];
        String[] createdAt = new String[reservationCount];
        String[] expiresAt = new String[reservationCount];
        String[] requestKeys = new String[reservationCount];
        List<String> lineReservations = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        List<String> skus = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        for (int i = 0; i < reservationCount; i++) {
            Reservation reservation = placed.get(i);
            ids[i] = reservation.id();
            ownerIds[i] = reservation.ownerId();
            orderIds[i] = reservation.orderId();
            statuses[i] = reservation.status().name();
            createdAt[i] = reservation.createdAt().toString();
            expiresAt[i] = reservation.expiresAt().toString();
            requestKeys[i] = reservation.requestKey();
            List<ReservationLine> lines = reservation.lines();
            for (int lineNo = 0; lineNo < lines.size(); lineNo++) {
                lineReservations.add(reservation.id());
                lineNumbers.add(lineNo);
                skus.add(lines.get(lineNo).sku());
                quantities.add(lines.get(lineNo).quantity());
            }
        }
        int insertedLines = keyChecked(() -> jdbc.sql("""
                WITH placed AS (
                    INSERT INTO inventory.reservation (id, owner_id, order_id, status, created_at, expires_at,
                                                       request_key)
                    SELECT r.id, r.owner_id, r.order_id, r.status, r.created_at::timestamptz, r.expires_at::timestamptz,
                           r.request_key
                    FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                        AS r (id, owner_id, order_id, status, created_at, expires_at, request_key)
                    ON CONFLICT (id) DO NOTHING
                    RETURNING id)
                INSERT INTO inventory.reservation_line (reservation_id, line_no, sku, quantity)
                SELECT line.reservation_id, line.line_no, line.sku, line.quantity
                FROM unnest(?::text[], ?::int[], ?::text[], ?::int[]) AS line (reservation_id, line_no, sku, quantity)
                JOIN placed ON placed.id = line.reservation_id""")
                .params(ids, ownerIds, orderIds, statuses, createdAt, expiresAt, requestKeys,
                        lineReservations.toArray(String[]::new), lineNumbers.toArray(Integer[]::new),
                        skus.toArray(String[]::new), quantities.toArray(Integer[]::new))
                .update());
        if (insertedLines != lineReservations.size()) {
            placed.forEach(this::save); // idempotent: inserts what is missing, updates the rest
        }
    }

    @Override
    public Optional<Reservation> findById(String id) {
        List<ReservationLine> lines = jdbc.sql(
                        "SELECT sku, quantity FROM inventory.reservation_line WHERE reservation_id = ? ORDER BY line_no")
                .param(id)
                .query((rs, row) -> new ReservationLine(rs.getString("sku"), rs.getInt("quantity")))
                .list();
        return jdbc.sql("""
                SELECT id, owner_id, order_id, request_key, status, created_at, expires_at
                FROM inventory.reservation WHERE id = ?""")
                .param(id)
                .query((rs, row) -> Reservation.reconstitute(rs.getString("id"), rs.getLong("owner_id"),
                        rs.getString("order_id"), rs.getString("request_key"), lines,
                        ReservationStatus.valueOf(rs.getString("status")),
                        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }

    @Override
    public Optional<Reservation> findByRequestKey(long ownerId, String requestKey) {
        return jdbc.sql("SELECT id FROM inventory.reservation WHERE owner_id = ? AND request_key = ?")
                .params(ownerId, requestKey)
                .query(String.class)
                .optional()
                .flatMap(this::findById);
    }

    /** Runs an insert of new reservations, reporting a request key already taken as such. */
    private static int keyChecked(Supplier<Integer> insert) {
        try {
            return insert.get();
        } catch (DuplicateKeyException e) {
            if (e.getMessage() != null && e.getMessage().contains(REQUEST_KEY_INDEX)) {
                throw new RequestKeyTaken("a reservation of this owner holds this request key already", e);
            }
            throw e;
        }
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
