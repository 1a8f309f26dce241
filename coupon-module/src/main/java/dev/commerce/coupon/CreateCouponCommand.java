package dev.commerce.coupon;

/**
 * Creates a kind of coupon of which at most {@code totalQuantity} are ever issued.
 *
 * @param name          1 to 100 characters, not blank
 * @param totalQuantity 1 to {@link #MAX_TOTAL_QUANTITY}
 */
public record CreateCouponCommand(String name, int totalQuantity) {

    public static final int MAX_TOTAL_QUANTITY = 10_000_000;

    public CreateCouponCommand {
        Requests.requireText(name, "name");
        Requests.requireBetween(totalQuantity, 1, MAX_TOTAL_QUANTITY, "totalQuantity");
    }
}
