/**
 * Orders (checkout): an order reserves stock, redeems at most one coupon, is charged its total once
 * and then confirms its reservation; or it releases what it took.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Order")
package dev.commerce.order;
