package dev.commerce.inventory;

/**
 * Sets the on-hand stock of a SKU, creating the SKU if it does not exist yet.
 *
 * @param sku     1 to 100 characters, not blank
 * @param onHand  0 to {@link #MAX_ON_HAND}; the cap only rejects absurd values
 */
public record SetStockCommand(String sku, long onHand) {

    public static final long MAX_ON_HAND = 1_000_000_000L;

    public SetStockCommand {
        InventoryInput.requireId(sku, "sku");
        InventoryInput.requireBetween(onHand, 0, MAX_ON_HAND, "onHand");
    }
}
