package dev.commerce.inventory;

/** Sets the price of a SKU (creating the SKU with no stock if absent); stock and reservations stay as they are. */
public interface SetPriceUseCase {

    /** @throws InventoryException {@code LOCK_TIMEOUT} if the SKU's first price waited too long for its stock row */
    PriceView setPrice(SetPriceCommand command);
}
