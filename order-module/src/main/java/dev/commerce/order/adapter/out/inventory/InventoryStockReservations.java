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
 */
public class InventoryStockReservations implements StockReservations {

    private static final Logger log = LoggerFactory.getLogger(InventoryStockReservations.class);

    private final ReserveStockUseCase reserve;
    private final ConfirmReservationUseCase confirm;
    private final CancelReservationUseCase cancel;
    private final GetReservationQuery read;

    public InventoryStockReservations(ReserveStockUseCase reserve, ConfirmReservationUseCase confirm,
            CancelReservationUseCase cancel, GetReservationQuery read) {
        this.reserve = reserve;
        this.confirm = confirm;
        this.cancel = cancel;
        this.read = read;
    }

    @Override
    public Reserved reserve(long userId, String orderId, List<Line> lines) {
        try {
            ReservationView reservation = reserve.reserve(Caller.buyer(userId), new ReserveStockCommand(orderId,
                    lines.stream().map(line -> new ReserveStockCommand.Line(line.sku(), line.quantity())).toList()));
            return new Reserved(reservation.id(), reservation.expiresAt());
        } catch (InventoryException e) {
            throw translated(e);
        }
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
