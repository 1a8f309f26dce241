package dev.commerce.coupon;

/**
 * Creates a kind of coupon of which at most {@code totalQuantity} are ever issued.
 *
 * @param name          1 to 100 characters, not blank
 * @param totalQuantity 1 to {@link #MAX_TOTAL_QUANTITY}
 * @param discount      the amount the coupon takes off the total of the order that redeems it, in
 *                      that order's currency: 0 to {@link #MAX_DISCOUNT}
 */
public record CreateCouponCommand(String name, int totalQuantity, long discount) {

    public static final int MAX_TOTAL_QUANTITY = 10_000_000;
    /** The largest discount; the same bound as a payment's amount. */
    public static final long MAX_DISCOUNT = 1_000_000_000_000L;

    public CreateCouponCommand {
        CouponInput.requireText(name, "name");
        CouponInput.requireBetween(totalQuantity, 1, MAX_TOTAL_QUANTITY, "totalQuantity");
        CouponInput.requireBetween(discount, 0, MAX_DISCOUNT, "discount");
    }

    /** A coupon that takes nothing off (discount 0, the default of API.md). */
    public CreateCouponCommand(String name, int totalQuantity) {
        this(name, totalQuantity, 0);
    }
}
