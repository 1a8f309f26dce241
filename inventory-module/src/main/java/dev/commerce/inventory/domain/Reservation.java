package dev.commerce.inventory.domain;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReservationStatus;
import dev.commerce.shared.Caller;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Stock held for an order until it is confirmed, cancelled or expires. Only a {@code PENDING}
 * reservation may change status, so its stock is released or committed exactly once. Its lines and its owner
 * (the user who placed it; 0 for reservations placed before owners were recorded) never change,
 * nor does its request key (null without one): the key of the request that placed it, unique per
 * owner, by which a repetition of that request finds it instead of reserving again.
 * Not thread-safe: callers change it only while holding the row locks of its SKUs.
 */
public final class Reservation {

    private final String id;
    private final long ownerId;
    private final String orderId;
    private final String requestKey;
    private final List<ReservationLine> lines;
    private final Instant createdAt;
    private final Instant expiresAt;
    private ReservationStatus status;

    private Reservation(String id, long ownerId, String orderId, String requestKey, List<ReservationLine> lines,
                        ReservationStatus status, Instant createdAt, Instant expiresAt) {
        if (ownerId < 0) {
            throw new IllegalArgumentException("ownerId must not be negative: " + ownerId);
        }
        this.id = Objects.requireNonNull(id, "id");
        this.ownerId = ownerId;
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.requestKey = requestKey;
        this.lines = List.copyOf(lines);
        this.status = Objects.requireNonNull(status, "status");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        if (this.lines.isEmpty()) {
            throw new IllegalArgumentException("a reservation needs at least one line");
        }
        Set<String> skus = new HashSet<>();
        for (ReservationLine line : this.lines) {
            // One line per SKU keeps closing simple: each stock row moves once per reservation.
            if (!skus.add(line.sku())) {
                throw new IllegalArgumentException("duplicate SKU in reservation: " + line.sku());
            }
        }
        if (expiresAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("expiresAt " + expiresAt + " is before createdAt " + createdAt);
        }
    }

    /**
     * A new {@code PENDING} reservation of {@code ownerId} with a random UUID id, expiring
     * {@code lifetime} after {@code now}.
     */
    public static Reservation place(long ownerId, String orderId, List<ReservationLine> lines, Instant now,
                                    Duration lifetime) {
        return place(ownerId, orderId, null, lines, now, lifetime);
    }

    /** Like {@link #place(long, String, List, Instant, Duration)}, for the request with {@code requestKey} (or none). */
    public static Reservation place(long ownerId, String orderId, String requestKey, List<ReservationLine> lines,
                                    Instant now, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
        }
        return new Reservation(UUID.randomUUID().toString(), ownerId, orderId, requestKey, lines,
                ReservationStatus.PENDING, now, now.plus(lifetime));
    }

    /** Rebuilds a reservation without a request key from stored state. */
    public static Reservation reconstitute(String id, long ownerId, String orderId, List<ReservationLine> lines,
                                           ReservationStatus status, Instant createdAt, Instant expiresAt) {
        return reconstitute(id, ownerId, orderId, null, lines, status, createdAt, expiresAt);
    }

    /** Rebuilds a reservation from stored state. */
    public static Reservation reconstitute(String id, long ownerId, String orderId, String requestKey,
                                           List<ReservationLine> lines, ReservationStatus status, Instant createdAt,
                                           Instant expiresAt) {
        return new Reservation(id, ownerId, orderId, requestKey, lines, status, createdAt, expiresAt);
    }

    /**
     * Whether this reservation is what a request for {@code orderId} with {@code lines} (merged,
     * in their order) would have placed: a repeated request names the same order and lines.
     */
    public boolean answers(String orderId, List<ReservationLine> lines) {
        return this.orderId.equals(orderId) && this.lines.equals(lines);
    }

    /** Its owner and administrators see it; to anyone else it does not exist. */
    public boolean isVisibleTo(Caller caller) {
        return caller.maySee(ownerId);
    }

    /** Marks the reservation confirmed; the caller commits its stock. */
    public void confirm() {
        leavePending(ReservationStatus.CONFIRMED);
    }

    /** Marks the reservation cancelled; the caller releases its stock. */
    public void cancel() {
        leavePending(ReservationStatus.CANCELLED);
    }

    /** Marks an overdue reservation expired; the caller releases its stock. */
    public void expire(Instant now) {
        requirePending();
        if (!isOverdue(now)) {
            throw new IllegalStateException("reservation " + id + " is not due before " + expiresAt);
        }
        status = ReservationStatus.EXPIRED;
    }

    /** Whether it is still pending at or after its expiry time. */
    public boolean isOverdue(Instant now) {
        return status == ReservationStatus.PENDING && !now.isBefore(expiresAt);
    }

    /** The SKUs it holds, each once. */
    public List<String> skus() {
        return lines.stream().map(ReservationLine::sku).toList();
    }

    private void leavePending(ReservationStatus next) {
        requirePending();
        status = next;
    }

    private void requirePending() {
        if (status != ReservationStatus.PENDING) {
            throw new InventoryException(InventoryErrorCode.RESERVATION_NOT_PENDING,
                    "reservation " + id + " is " + status + ", not PENDING");
        }
    }

    public String id() {
        return id;
    }

    public long ownerId() {
        return ownerId;
    }

    public String orderId() {
        return orderId;
    }

    /** The key of the request that placed it, or null. */
    public String requestKey() {
        return requestKey;
    }

    public List<ReservationLine> lines() {
        return lines;
    }

    public ReservationStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public String toString() {
        return "Reservation[id=" + id + ", ownerId=" + ownerId + ", orderId=" + orderId + ", status=" + status + ", lines=" + lines + "]";
    }
}
