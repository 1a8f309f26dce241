package dev.commerce.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reserves stock for an order: every line or none.
 *
 * <p>Lines naming the same SKU are merged by summing their quantities (keeping the position of
 * the first), so a request means the same however the client splits it, and each SKU is
 * reserved and locked once. The merged quantity must also be at most {@link #MAX_LINE_QUANTITY}.
 *
 * <p>A request key makes the request idempotent for its owner: a request whose key already names
 * one of the owner's reservations is answered with that reservation and takes no stock (the key is
 * stored with the reservation, in the transaction that takes its stock; ADR 12, "The crash
 * window"). Each source of keys has its namespace, so that the sources never collide:
 * {@link #httpRequestKey} for an {@code Idempotency-Key} of {@code POST /api/v1/reservations},
 * {@link #orderRequestKey} for the reservation of an order.
 *
 * @param orderId    1 to 100 characters, not blank
 * @param lines      1 to {@link #MAX_LINES} lines
 * @param requestKey null (no key), or 1 to {@link #MAX_REQUEST_KEY_LENGTH} printable ASCII characters
 */
public record ReserveStockCommand(String orderId, List<Line> lines, String requestKey) {

    public static final int MAX_LINES = 100;
    public static final int MAX_LINE_QUANTITY = 1_000_000;
    /** The length of the stored key ({@code inventory.reservation.request_key}). */
    public static final int MAX_REQUEST_KEY_LENGTH = 300;

    public ReserveStockCommand {
        InventoryInput.requireId(orderId, "orderId");
        if (requestKey != null && !isPrintableAscii(requestKey, MAX_REQUEST_KEY_LENGTH)) {
            throw InventoryException.invalidRequest(
                    "requestKey must be 1 to " + MAX_REQUEST_KEY_LENGTH + " printable ASCII characters");
        }
        if (lines == null || lines.isEmpty()) {
            throw InventoryException.invalidRequest("lines must not be empty");
        }
        if (lines.size() > MAX_LINES) {
            throw InventoryException.invalidRequest("lines must have at most " + MAX_LINES + " entries");
        }
        lines = merged(lines);
    }

    /** A request without a key: every such request is a new reservation. */
    public ReserveStockCommand(String orderId, List<Line> lines) {
        this(orderId, lines, null);
    }

    /** The request key of a reservation posted over HTTP with {@code Idempotency-Key: idempotencyKey}. */
    public static String httpRequestKey(String idempotencyKey) {
        return "http:" + idempotencyKey;
    }

    /** The request key of the reservation of order {@code orderId} (the order module's). */
    public static String orderRequestKey(String orderId) {
        return "order:" + orderId;
    }

    private static boolean isPrintableAscii(String value, int maxLength) {
        return !value.isEmpty() && value.length() <= maxLength && value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
    }

    /** The SKUs of this request, each once. */
    public List<String> skus() {
        return lines.stream().map(Line::sku).toList();
    }

    private static List<Line> merged(List<Line> lines) {
        // At most 100 lines of at most 1,000,000 each, so the sum cannot overflow an int;
        // the Line constructor then rejects a merged quantity above the cap.
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (Line line : lines) {
            if (line == null) {
                throw InventoryException.invalidRequest("lines must not contain null");
            }
            quantities.merge(line.sku(), line.quantity(), Integer::sum);
        }
        List<Line> result = new ArrayList<>(quantities.size());
        quantities.forEach((sku, quantity) -> result.add(new Line(sku, quantity)));
        return List.copyOf(result);
    }

    /**
     * One SKU and how many units of it to reserve.
     *
     * @param sku      1 to 100 characters, not blank
     * @param quantity 1 to {@link #MAX_LINE_QUANTITY}
     */
    public record Line(String sku, int quantity) {

        public Line {
            InventoryInput.requireId(sku, "sku");
            InventoryInput.requireBetween(quantity, 1, MAX_LINE_QUANTITY, "quantity");
        }
    }
}
