/** Scheduled coupon work: the recovery of Redis claims that no request wrote to PostgreSQL. */
package dev.commerce.coupon.adapter.in.scheduling;
