package dev.commerce.order.adapter.out.inventory;

import dev.commerce.inventory.CancelReservationCommand;
import dev.commerce.inventory.CancelReservationUseCase;
import dev.commerce.inventory.ConfirmReservationCommand;
import dev.commerce.inventory.ConfirmReservationUseCase;
import dev.commerce.inventory.GetReservationQuery;
import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReservationStatus;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.ReserveStockCommand;
import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.order.OrderErrorCode;
import dev.commerce.order.OrderException;
import dev.commerce.order.application.port.StockReservations;
import dev.commerce.shared.Caller;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reservations through the inventory module's use cases, on behalf of the order's buyer. Confirm
 * and release are idempotent: a reservation already in the wanted state is done, not an error.
 *
 * <p>So is reserve, per order id: the reservation carries the request key
 * {@link ReserveStockCommand#orderRequestKey order:&lt;orderId&gt;}, so a placement that runs again
 * for the same order (its Idempotency-Key taken over after a crash between the reservation and the
 * order's insert) gets the reservation the first run made instead of a second one.
 */
class InventoryStockReservations implements StockReservations {

    private static final Logger log = LoggerFactory.getLogger(InventoryStockReservations.class);
    /** Reservations of one order id that were given up before its order was stored, at most, in a row. */
    private static final int MAX_LAPSED = 5;

    private final ReserveStockUseCase reserve;
    private final ConfirmReservationUseCase confirm;
    private final CancelReservationUseCase cancel;
    private final GetReservationQuery read;

    InventoryStockReservations(ReserveStockUseCase reserve, ConfirmReservationUseCase confirm,
            CancelReservationUseCase cancel, GetReservationQuery read) {
        this.reserve = reserve;
        this.confirm = confirm;
        this.cancel = cancel;
        this.read = read;
    }

    /**
     * The order's reservation: the one an earlier run of this placement made, if it still holds its
     * stock, else a new one. An earlier run's reservation that no longer does (that run released it
     * when a later step failed but could not record its refusal, or the retry came after the
     * reservation expired) cannot be the order's; the next one is keyed after it,
     * {@code order:<orderId>/after:<its id>}, so that a further run finds that one in turn.
     */
    @Override
    public Reserved reserve(long userId, String orderId, List<Line> lines) {
        List<ReserveStockCommand.Line> wanted =
                lines.stream().map(line -> new ReserveStockCommand.Line(line.sku(), line.quantity())).toList();
        String key = ReserveStockCommand.orderRequestKey(orderId);
        try {
            for (int lapsed = 0; lapsed <= MAX_LAPSED; lapsed++) {
                ReservationView reservation = reserve.reserve(Caller.buyer(userId),
                        new ReserveStockCommand(orderId, wanted, key));
                if (reservation.status() == ReservationStatus.PENDING) {
                    return new Reserved(reservation.id(), reservation.expiresAt());
                }
                log.info("Order {}: reservation {} of an earlier run is {}; reserving anew", orderId,
                        reservation.id(), reservation.status());
                key = ReserveStockCommand.orderRequestKey(orderId) + "/after:" + reservation.id();
            }
        } catch (InventoryException e) {
            throw translated(e);
        }
        throw new IllegalStateException("Order " + orderId + " found " + (MAX_LAPSED + 1)
                + " reservations of earlier runs given up; not reserving again");
    }

    @Override
    public void confirm(long userId, String reservationId) {
        if (statusOf(userId, reservationId) == ReservationStatus.PENDING) {
            try {
                confirm.confirm(new ConfirmReservationCommand(reservationId));
                return;
            } catch (InventoryException e) {
                if (e.code() != InventoryErrorCode.RESERVATION_NOT_PENDING) {
                    throw e;
                }
            }
        }
        ReservationStatus status = statusOf(userId, reservationId);
        if (status != ReservationStatus.CONFIRMED) {
            // a paid order whose stock was released: only a refund can settle it (ADR 0011)
            log.error("Paid order's reservation {} is {}, not CONFIRMED: the payment needs a refund",
                    reservationId, status);
        }
    }

    @Override
    public void release(long userId, String reservationId) {
        if (statusOf(userId, reservationId) != ReservationStatus.PENDING) {
            return;
        }
        try {
            cancel.cancel(Caller.buyer(userId), new CancelReservationCommand(reservationId));
        } catch (InventoryException e) {
            if (e.code() != InventoryErrorCode.RESERVATION_NOT_PENDING) {
                throw e;
            }
        }
    }

    private ReservationStatus statusOf(long userId, String reservationId) {
        return read.getReservation(Caller.buyer(userId), reservationId).status();
    }

    private static RuntimeException translated(InventoryException e) {
        OrderErrorCode code = switch (e.code()) {
            case INSUFFICIENT_STOCK -> OrderErrorCode.INSUFFICIENT_STOCK;
            case PRODUCT_NOT_FOUND -> OrderErrorCode.PRODUCT_NOT_FOUND;
            case LOCK_TIMEOUT -> OrderErrorCode.LOCK_TIMEOUT;
            case INVALID_REQUEST -> OrderErrorCode.INVALID_REQUEST;
            default -> null;
        };
        return code == null ? e : new OrderException(code, e.getMessage(), e.retryAfter().orElse(null), e);
    }
}
