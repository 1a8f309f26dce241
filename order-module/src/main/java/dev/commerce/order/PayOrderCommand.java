package dev.commerce.order;

/**
 * Pays an order its total. The amount is never the client's: it is the order's.
 *
 * @param idempotencyKey the caller's key, 1 to 255 printable ASCII characters
 * @param orderId        the order
 */
public record PayOrderCommand(String idempotencyKey, String orderId) {

    public PayOrderCommand {
        IdempotencyKeys.requireValid(idempotencyKey);
        PlaceOrderCommand.requireId(orderId, "orderId");
    }

    public String fingerprint() {
        return PlaceOrderCommand.sha256("v1\npay\n" + orderId);
    }
}
