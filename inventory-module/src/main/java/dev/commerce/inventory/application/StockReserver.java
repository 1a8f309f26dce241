package dev.commerce.inventory.application;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.ReserveStockCommand;
import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.inventory.application.port.StockConcurrency;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.application.port.StockRepository;
import dev.commerce.inventory.domain.Reservation;
import dev.commerce.inventory.domain.ReservationLine;
import dev.commerce.inventory.domain.Stock;
import dev.commerce.shared.Caller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reserves stock for an order, all lines or none, under the row locks of its SKUs.
 *
 * <p>With a {@link Combiner}, reservations of the same SKUs that queue behind one another in this
 * instance are placed in batches: one lock of the rows, one read, one write of each stock row and
 * one insert of all the batch's reservations, in one transaction. Each reservation is still decided
 * on its own, in arrival order, against the stock the ones before it left: all its lines or none,
 * and a refused one changes nothing for the others.
 *
 * <p>A request with a key ({@link ReserveStockCommand#requestKey()}) whose key already names a
 * reservation of its owner is answered with it before it queues or locks anything
 * ({@link RequestKeys}). Keyed requests are batched like the others (every order's reservation has
 * a key, so leaving them out would leave checkout without combining): the key goes into the batch's
 * insert, and if one of them loses its key to a concurrent request with the same key (or to a twin
 * in the same batch), the unique key refuses the whole insert and the batch's transaction rolls
 * back, taking nothing for anyone. The batch is then placed again one request at a time, each in
 * a transaction of its own: the others are placed exactly once, and only the loser is refused and
 * answered with the winner's reservation.
 */
public final class StockReserver implements ReserveStockUseCase {

    /** One reservation to place: what to reserve and who will own it. */
    public record Request(long ownerId, ReserveStockCommand command) {

        public Request {
            Objects.requireNonNull(command, "command");
        }
    }

    private final StockRepository stocks;
    private final ReservationRepository reservations;
    private final StockConcurrency concurrency;
    private final Clock clock;
    private final ReservationSettings settings;
    private final Combiner<Request, Reservation> combiner;
    private final RequestKeys keys;

    public StockReserver(StockRepository stocks, ReservationRepository reservations, StockConcurrency concurrency,
                         Clock clock, ReservationSettings settings) {
        this(stocks, reservations, concurrency, clock, settings, null);
    }

    /** @param combiner batches concurrent reservations of the same SKUs; {@code null} places each alone */
    public StockReserver(StockRepository stocks, ReservationRepository reservations, StockConcurrency concurrency,
                         Clock clock, ReservationSettings settings,
                         Combiner<Request, Reservation> combiner) {
        this.stocks = Objects.requireNonNull(stocks, "stocks");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.concurrency = Objects.requireNonNull(concurrency, "concurrency");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.combiner = combiner;
        this.keys = new RequestKeys(reservations);
    }

    @Override
    public ReservationView reserve(Caller caller, ReserveStockCommand command) {
        Request request = new Request(caller.userId(), command);
        return InventoryViews.of(keys.reserve(request.ownerId(), command, () -> place(request)));
    }

    private Reservation place(Request request) {
        return combiner == null
                ? placeAll(List.of(request)).get(0).get()
                // every command of a batch has the same SKUs: the batch locks the rows of its key
                : combiner.submit(key(request.command()), request, this::placeBatch);
    }

    private static String key(ReserveStockCommand command) {
        return command.skus().stream().distinct().sorted().collect(Collectors.joining("\u0000"));
    }

    /**
     * Places a batch in one transaction; if a request key of it was taken meanwhile (the transaction
     * rolled back, nothing was taken), places each request on its own, so that only the loser fails.
     */
    private List<Combiner.Outcome<Reservation>> placeBatch(List<Request> requests) {
        try {
            return placeAll(requests);
        } catch (ReservationRepository.RequestKeyTaken taken) {
            if (requests.size() == 1) {
                throw taken;
            }
            return requests.stream().map(this::placeAlone).toList();
        }
    }

    private Combiner.Outcome<Reservation> placeAlone(Request request) {
        try {
            return placeAll(List.of(request)).get(0);
        } catch (RuntimeException failed) { // the request key taken, or the locks not obtained
            return Combiner.Outcome.failed(failed);
        }
    }

    /** Places the requests, all of the same SKUs, in one transaction under their row locks. */
    private List<Combiner.Outcome<Reservation>> placeAll(List<Request> requests) {
        return concurrency.runWithStocks(requests.get(0).command().skus(), found -> {
            List<Combiner.Outcome<Reservation>> outcomes = new ArrayList<>(requests.size());
            List<Reservation> placed = new ArrayList<>(requests.size());
            for (Request request : requests) {
                try {
                    Reservation reservation = place(request, found);
                    placed.add(reservation);
                    outcomes.add(Combiner.Outcome.of(reservation));
                } catch (RuntimeException refused) {
                    outcomes.add(Combiner.Outcome.failed(refused));
                }
            }
            if (!placed.isEmpty()) {
                found.values().forEach(stocks::save);
                reservations.saveAll(placed);
            }
            return outcomes;
        });
    }

    /**
     * Decides one command against the stocks as read under the locks (and as the commands before it
     * in the batch left them): takes its quantities from them, or throws with them untouched.
     */
    private Reservation place(Request request, Map<String, Stock> found) {
        ReserveStockCommand command = request.command();
        // Report every missing SKU before any shortage, whatever the line order.
        for (String sku : command.skus()) {
            if (!found.containsKey(sku)) {
                throw new InventoryException(InventoryErrorCode.PRODUCT_NOT_FOUND, "no product with SKU " + sku);
            }
        }
        List<ReservationLine> lines = command.lines().stream()
                .map(line -> new ReservationLine(line.sku(), line.quantity()))
                .toList();
        Reservation reservation = Reservation.place(request.ownerId(), command.orderId(), command.requestKey(), lines,
                clock.instant(), settings.lifetime());
        // Check every line before taking any (a reservation has one line per SKU), so that a short
        // line leaves the stocks as they were for the next command of the batch: all lines or none.
        for (ReserveStockCommand.Line line : command.lines()) {
            Stock stock = found.get(line.sku());
            if (line.quantity() > stock.available()) {
                stock.reserve(line.quantity()); // throws INSUFFICIENT_STOCK, changing nothing
            }
        }
        for (ReserveStockCommand.Line line : command.lines()) {
            found.get(line.sku()).reserve(line.quantity());
        }
        return reservation;
    }
}
