package dev.commerce.inventory.adapter.in.web;

import dev.commerce.inventory.CancelReservationCommand;
import dev.commerce.inventory.CancelReservationUseCase;
import dev.commerce.inventory.ConfirmReservationCommand;
import dev.commerce.inventory.ConfirmReservationUseCase;
import dev.commerce.inventory.GetPriceQuery;
import dev.commerce.inventory.GetReservationQuery;
import dev.commerce.inventory.GetStockQuery;
import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.PriceView;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.ReserveStockCommand;
import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.inventory.SetPriceCommand;
import dev.commerce.inventory.SetPriceUseCase;
import dev.commerce.inventory.SetStockCommand;
import dev.commerce.inventory.SetStockUseCase;
import dev.commerce.inventory.StockView;
import dev.commerce.shared.Caller;
import dev.commerce.shared.IdempotencyKeyRule;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stock, prices and reservations over HTTP. Validation lives in the command records; this only translates.
 * The {@link Caller} comes from the verified token (resolved by the security layer); which calls
 * only administrators may make is decided there too, by URL.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class InventoryController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final SetStockUseCase setStock;
    private final GetStockQuery getStock;
    private final SetPriceUseCase setPrice;
    private final GetPriceQuery getPrice;
    private final ReserveStockUseCase reserveStock;
    private final GetReservationQuery getReservation;
    private final ConfirmReservationUseCase confirmReservation;
    private final CancelReservationUseCase cancelReservation;
    private final MeterRegistry registry;

    public InventoryController(SetStockUseCase setStock, GetStockQuery getStock, SetPriceUseCase setPrice,
            GetPriceQuery getPrice, ReserveStockUseCase reserveStock, GetReservationQuery getReservation,
            ConfirmReservationUseCase confirmReservation, CancelReservationUseCase cancelReservation,
            MeterRegistry registry) {
        this.setStock = setStock;
        this.getStock = getStock;
        this.setPrice = setPrice;
        this.getPrice = getPrice;
        this.reserveStock = reserveStock;
        this.getReservation = getReservation;
        this.confirmReservation = confirmReservation;
        this.cancelReservation = cancelReservation;
        this.registry = registry;
    }

    @PutMapping(path = "/products/{sku}/stock", consumes = MediaType.APPLICATION_JSON_VALUE)
    StockView setStock(@PathVariable String sku, @RequestBody SetStockRequest request) {
        return setStock.setStock(new SetStockCommand(sku, required(request.onHand(), "onHand")));
    }

    @GetMapping("/products/{sku}/stock")
    StockView getStock(@PathVariable String sku) {
        return getStock.getStock(sku);
    }

    @PutMapping(path = "/products/{sku}/price", consumes = MediaType.APPLICATION_JSON_VALUE)
    PriceView setPrice(@PathVariable String sku, @RequestBody SetPriceRequest request) {
        return setPrice.setPrice(new SetPriceCommand(sku, required(request.price(), "price"),
                required(request.currency(), "currency")));
    }

    @GetMapping("/products/{sku}/price")
    PriceView getPrice(@PathVariable String sku) {
        return getPrice.getPrice(sku);
    }

    /**
     * With an {@code Idempotency-Key} the reservation is placed with the request key {@code http:} +
     * the key: a repetition whose answer the platform's idempotency filter did not record (a crash
     * between the commit and the recording, ADR 12) finds it and is answered 201 with it, as it is
     * now, instead of reserving again; so is a repetition while that filter is switched off
     * ({@code commerce.idempotency.enabled=false}), which is why the key is checked here too.
     */
    @PostMapping(path = "/reservations", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ReservationView> reserve(Caller caller,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestBody ReserveRequest request) {
        try {
            ReservationView reservation = reserveStock.reserve(caller, request.toCommand(requestKey(idempotencyKey)));
            outcome("reserved");
            return ResponseEntity.created(URI.create("/api/v1/reservations/" + reservation.id())).body(reservation);
        } catch (InventoryException e) {
            outcome(e.code().name().toLowerCase(java.util.Locale.ROOT));
            throw e;
        }
    }

    private static String requestKey(String idempotencyKey) {
        if (idempotencyKey == null) {
            return null;
        }
        String problem = IdempotencyKeyRule.problemWith(idempotencyKey);
        if (problem != null) {
            throw new InventoryException(InventoryErrorCode.IDEMPOTENCY_KEY_INVALID, problem);
        }
        return ReserveStockCommand.httpRequestKey(idempotencyKey);
    }

    /** {@code inventory.reservations{outcome}}: reserved, insufficient_stock, product_not_found, lock_timeout, ... */
    private void outcome(String outcome) {
        registry.counter("inventory.reservations", "outcome", outcome).increment();
    }

    @GetMapping("/reservations/{id}")
    ReservationView getReservation(Caller caller, @PathVariable String id) {
        return getReservation.getReservation(caller, id);
    }

    @PostMapping("/reservations/{id}/confirm")
    ReservationView confirm(@PathVariable String id) {
        return confirmReservation.confirm(new ConfirmReservationCommand(id));
    }

    @PostMapping("/reservations/{id}/cancel")
    ReservationView cancel(Caller caller, @PathVariable String id) {
        return cancelReservation.cancel(caller, new CancelReservationCommand(id));
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new InventoryException(InventoryErrorCode.INVALID_REQUEST, field + " is required");
        }
        return value;
    }

    /** Boxed so that a missing field is reported as such rather than read as zero. */
    record SetStockRequest(Long onHand) {
    }

    /** Boxed for the same reason; a string is not a number (strict JSON types, WebConfiguration). */
    record SetPriceRequest(Long price, String currency) {
    }

    record ReserveRequest(String orderId, List<LineRequest> lines) {

        ReserveStockCommand toCommand(String requestKey) {
            List<LineRequest> given = required(lines, "lines");
            return new ReserveStockCommand(orderId, given.stream()
                    .map(line -> required(line, "line"))
                    .map(line -> new ReserveStockCommand.Line(line.sku(), required(line.quantity(), "quantity")))
                    .toList(), requestKey);
        }
    }

    record LineRequest(String sku, Integer quantity) {
    }
}
