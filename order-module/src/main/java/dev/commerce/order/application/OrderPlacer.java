package dev.commerce.order.application;

import dev.commerce.order.OrderErrorCode;
import dev.commerce.order.OrderException;
import dev.commerce.order.OrderResponse;
import dev.commerce.order.PlaceOrderCommand;
import dev.commerce.order.PlaceOrderUseCase;
import dev.commerce.order.application.port.CouponRedemptions;
import dev.commerce.order.application.port.OrderRepository;
import dev.commerce.order.application.port.OrderTransactions;
import dev.commerce.order.application.port.PlacementJournal;
import dev.commerce.order.application.port.PriceCatalog;
import dev.commerce.order.application.port.RequestKey;
import dev.commerce.order.application.port.RequestKeyStore;
import dev.commerce.order.application.port.StockReservations;
import dev.commerce.order.domain.Order;
import dev.commerce.order.domain.OrderLine;
import dev.commerce.shared.Caller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Places orders: prices read, every line reserved, the coupon redeemed, the order stored. These
 * are direct calls because the answer depends on them. A step that fails undoes the ones before it
 * (the coupon released, the reservation cancelled), so a refusal leaves nothing taken; should the
 * undoing itself fail, the reservation still expires on its own.
 *
 * <p>A process that dies between redeeming the coupon and storing the order cannot undo anything,
 * and a redeemed coupon, unlike a reservation, does not expire. So a placement that names a coupon
 * first notes itself in the {@link PlacementJournal} (after the reservation, before the redemption),
 * and the transaction that stores the order deletes the note; a note left behind is found by
 * {@link PlacementRecovery}, which gives the coupon and the stock back.
 */
public final class OrderPlacer implements PlaceOrderUseCase {

    private final OrderRepository orders;
    private final PriceCatalog catalog;
    private final StockReservations stock;
    private final CouponRedemptions coupons;
    private final OrderTransactions transactions;
    private final PlacementJournal journal;
    private final KeyedRequests keyed;
    private final Clock clock;

    public OrderPlacer(OrderRepository orders, PriceCatalog catalog, StockReservations stock,
            CouponRedemptions coupons, OrderTransactions transactions, PlacementJournal journal, RequestKeyStore keys,
            Clock clock, OrderSettings settings) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.stock = Objects.requireNonNull(stock, "stock");
        this.coupons = Objects.requireNonNull(coupons, "coupons");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keyed = new KeyedRequests(keys, clock, settings.keyLease());
    }

    @Override
    public OrderResponse place(Caller caller, PlaceOrderCommand command) {
        return keyed.run(new RequestKey(caller.userId(), command.idempotencyKey()), command.fingerprint(),
                () -> UUID.randomUUID().toString(), orderId -> placeAs(caller, command, orderId));
    }

    private OrderResponse placeAs(Caller caller, PlaceOrderCommand command, String orderId) {
        Optional<Order> earlier = orders.find(orderId);
        if (earlier.isPresent()) {
            // an earlier request with this key stored the order and was lost before it answered
            return new OrderResponse(201, earlier.get().view(), false);
        }
        Priced priced = priced(command);
        List<OrderLine> lines = priced.lines();
        String currency = priced.currency();
        // refuse an absurd amount before anything is taken
        Order.place(orderId, caller.userId(), lines, currency, null, 0, "-", clock.instant(), clock.instant());

        StockReservations.Reserved reserved = stock.reserve(caller.userId(), orderId,
                command.lines().stream().map(line -> new StockReservations.Line(line.sku(), line.quantity())).toList());
        boolean noted = false;
        boolean redeemed = false;
        try {
            long discount = 0;
            if (command.couponId() != null) {
                if (!journal.begin(new PlacementJournal.Placement(orderId, caller.userId(),
                        command.idempotencyKey(), command.couponId(), reserved.reservationId(), clock.instant()))) {
                    throw abandoned(orderId); // the recovery owns the note and gives everything back
                }
                noted = true;
                discount = coupons.redeem(command.couponId(), caller.userId(), orderId);
                redeemed = true;
            }
            Order order = Order.place(orderId, caller.userId(), lines, currency, command.couponId(), discount,
                    reserved.reservationId(), reserved.expiresAt(), clock.instant());
            boolean withCoupon = command.couponId() != null;
            transactions.inTransaction(() -> {
                if (withCoupon && !journal.finish(orderId)) {
                    throw abandoned(orderId);
                }
                orders.insert(order);
                return null;
            });
            return new OrderResponse(201, order.view(), false);
        } catch (RuntimeException e) {
            undo(caller, command, orderId, reserved, redeemed, noted, e);
            throw e;
        }
    }

    /**
     * This placement ran past the recovery delay and the recovery gave its coupon and stock back (or is
     * about to); its order id is not used again. Unexpected (the delay is far longer than a request may
     * run), so a 500; the request key is released and a retry places a new order.
     */
    private static IllegalStateException abandoned(String orderId) {
        return new IllegalStateException("The placement of order " + orderId
                + " outlived commerce.order.placement-recovery-after and was undone by the recovery");
    }

    private void undo(Caller caller, PlaceOrderCommand command, String orderId, StockReservations.Reserved reserved,
            boolean redeemed, boolean noted, RuntimeException failure) {
        if (redeemed) {
            try {
                coupons.release(command.couponId(), caller.userId(), orderId);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        try {
            stock.release(caller.userId(), reserved.reservationId());
        } catch (RuntimeException e) {
            failure.addSuppressed(e); // the reservation expires on its own
        }
        if (noted) {
            try {
                // after the releases: should this fail, the recovery releases again (no change)
                journal.finish(orderId);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private record Priced(List<OrderLine> lines, String currency) {
    }

    private Priced priced(PlaceOrderCommand command) {
        PriceCatalog.Prices prices = catalog.pricesOf(command.skus());
        if (!prices.unknown().isEmpty()) {
            throw new OrderException(OrderErrorCode.PRODUCT_NOT_FOUND, "No product " + sorted(prices.unknown()) + ".");
        }
        if (!prices.unpriced().isEmpty()) {
            throw new OrderException(OrderErrorCode.PRICE_NOT_SET, "No price is set for " + sorted(prices.unpriced()) + ".");
        }
        List<OrderLine> lines = new ArrayList<>();
        for (PlaceOrderCommand.Line line : command.lines()) {
            PriceCatalog.UnitPrice price = prices.priced().get(line.sku());
            lines.add(new OrderLine(line.sku(), line.quantity(), price.price()));
        }
        List<String> currencies = command.skus().stream().map(sku -> prices.priced().get(sku).currency()).distinct().toList();
        if (currencies.size() > 1) {
            throw OrderException.invalidRequest("All lines of an order have one currency; these have " + currencies + ".");
        }
        return new Priced(lines, currencies.get(0));
    }

    private static List<String> sorted(java.util.Set<String> skus) {
        return skus.stream().sorted().toList();
    }
}
