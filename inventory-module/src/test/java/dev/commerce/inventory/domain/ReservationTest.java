package dev.commerce.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReservationStatus;
import dev.commerce.shared.Caller;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ReservationTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final long OWNER = 7;

    private static Reservation aPendingReservation() {
        return Reservation.place(OWNER, "order-1", List.of(new ReservationLine("A", 2), new ReservationLine("B", 1)),
                NOW, LIFETIME);
    }

    @Test
    void a_placed_reservation_is_pending_with_a_uuid_and_expires_after_its_lifetime() {
        Reservation reservation = aPendingReservation();

        assertThat(reservation.status()).isEqualTo(ReservationStatus.PENDING);
        assertThat(UUID.fromString(reservation.id()).toString()).isEqualTo(reservation.id());
        assertThat(reservation.createdAt()).isEqualTo(NOW);
        assertThat(reservation.expiresAt()).isEqualTo(NOW.plus(LIFETIME));
        assertThat(reservation.skus()).containsExactly("A", "B");
    }

    @Test
    void a_pending_reservation_can_be_confirmed() {
        Reservation reservation = aPendingReservation();

        reservation.confirm();

        assertThat(reservation.status()).isEqualTo(ReservationStatus.CONFIRMED);
    }

    @Test
    void a_pending_reservation_can_be_cancelled() {
        Reservation reservation = aPendingReservation();

        reservation.cancel();

        assertThat(reservation.status()).isEqualTo(ReservationStatus.CANCELLED);
    }

    @Test
    void a_reservation_is_overdue_from_its_expiry_instant_on_and_only_while_pending() {
        Reservation reservation = aPendingReservation();
        Instant expiresAt = reservation.expiresAt();

        assertThat(reservation.isOverdue(expiresAt.minusMillis(1))).isFalse();
        assertThat(reservation.isOverdue(expiresAt)).isTrue();
        reservation.cancel();
        assertThat(reservation.isOverdue(expiresAt.plusSeconds(1))).isFalse();
    }

    @Test
    void an_overdue_reservation_can_be_expired() {
        Reservation reservation = aPendingReservation();

        reservation.expire(reservation.expiresAt());

        assertThat(reservation.status()).isEqualTo(ReservationStatus.EXPIRED);
    }

    @Test
    void a_reservation_that_is_not_yet_due_cannot_be_expired() {
        Reservation reservation = aPendingReservation();

        assertThatThrownBy(() -> reservation.expire(reservation.expiresAt().minusMillis(1)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(reservation.status()).isEqualTo(ReservationStatus.PENDING);
    }

    @Test
    void only_a_pending_reservation_changes_status() {
        List<Consumer<Reservation>> leaves = List.of(Reservation::confirm, Reservation::cancel,
                r -> r.expire(r.expiresAt()));
        for (Consumer<Reservation> first : leaves) {
            for (Consumer<Reservation> second : leaves) {
                Reservation reservation = aPendingReservation();
                first.accept(reservation);
                ReservationStatus closed = reservation.status();

                assertThatThrownBy(() -> second.accept(reservation))
                        .isInstanceOfSatisfying(InventoryException.class,
                                e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.RESERVATION_NOT_PENDING));
                assertThat(reservation.status()).isEqualTo(closed);
            }
        }
    }

    @Test
    void a_reservation_needs_lines_each_naming_a_different_sku() {
        assertThatThrownBy(() -> Reservation.place(OWNER, "order-1", List.of(), NOW, LIFETIME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Reservation.place(OWNER, "order-1",
                List.of(new ReservationLine("A", 1), new ReservationLine("A", 2)), NOW, LIFETIME))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_reconstituted_reservation_keeps_its_stored_state() {
        Reservation reservation = Reservation.reconstitute("r-1", OWNER, "order-1", List.of(new ReservationLine("A", 2)),
                ReservationStatus.CONFIRMED, NOW, NOW.plus(LIFETIME));

        assertThat(reservation.id()).isEqualTo("r-1");
        assertThat(reservation.ownerId()).isEqualTo(OWNER);
        assertThat(reservation.status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(reservation.lines()).containsExactly(new ReservationLine("A", 2));
    }

    @Test
    void a_reservation_is_visible_to_its_owner_and_to_administrators_only() {
        Reservation reservation = aPendingReservation();

        assertThat(reservation.ownerId()).isEqualTo(OWNER);
        assertThat(reservation.isVisibleTo(Caller.buyer(OWNER))).isTrue();
        assertThat(reservation.isVisibleTo(Caller.buyer(OWNER + 1))).isFalse();
        assertThat(reservation.isVisibleTo(Caller.administrator(OWNER + 1))).isTrue();
    }

    @Test
    void a_reservation_from_before_owners_were_recorded_belongs_to_nobody_and_only_administrators_see_it() {
        Reservation ownerless = Reservation.reconstitute("r-1", 0, "order-1", List.of(new ReservationLine("A", 2)),
                ReservationStatus.PENDING, NOW, NOW.plus(LIFETIME));

        assertThat(ownerless.isVisibleTo(Caller.buyer(1))).isFalse();
        assertThat(ownerless.isVisibleTo(Caller.administrator(1))).isTrue();
        assertThatThrownBy(() -> Reservation.place(-1, "order-1", List.of(new ReservationLine("A", 1)), NOW, LIFETIME))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
