package dev.commerce.order.adapter.out.memory;

import dev.commerce.order.OrderErrorCode;
import dev.commerce.order.OrderException;
import dev.commerce.order.application.port.CouponRedemptions;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Issued coupons (coupon and user) with their discount, redeemed by at most one order at a time. */
public class InMemoryCouponRedemptions implements CouponRedemptions {

    private record Held(String couponId, long userId) {
    }

    private final Map<Held, Long> discounts = new HashMap<>();
    private final Map<Held, String> redeemedFor = new HashMap<>();

    public synchronized InMemoryCouponRedemptions issue(String couponId, long userId, long discount) {
        discounts.put(new Held(couponId, userId), discount);
        return this;
    }

    @Override
    public synchronized long redeem(String couponId, long userId, String orderId) {
        Held held = new Held(couponId, userId);
        if (!discounts.containsKey(held)) {
            throw new OrderException(OrderErrorCode.COUPON_NOT_HELD, "no coupon " + couponId);
        }
        String current = redeemedFor.get(held);
        if (current != null && !current.equals(orderId)) {
            throw new OrderException(OrderErrorCode.COUPON_ALREADY_REDEEMED, "coupon " + couponId + " is in use");
        }
        redeemedFor.put(held, orderId);
        return discounts.get(held);
    }

    @Override
    public synchronized void release(String couponId, long userId, String orderId) {
        Held held = new Held(couponId, userId);
        if (Objects.equals(redeemedFor.get(held), orderId)) {
            redeemedFor.remove(held);
        }
    }

    public synchronized String redeemedFor(String couponId, long userId) {
        return redeemedFor.get(new Held(couponId, userId));
    }
}
