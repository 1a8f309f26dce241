/**
 * The {@code conditional} strategy ({@code commerce.coupon.strategy=conditional}): PostgreSQL alone,
 * one conditional statement per issue ({@link dev.commerce.coupon.adapter.out.conditional.JdbcOneStepIssue});
 * also the fallback of the {@code atomic} strategy while Redis is unavailable.
 *
 * <p>Guards: the UPDATE's {@code issued_quantity < total_quantity} re-evaluated on the row's newest
 * version, and the unique (coupon, user) key. Proven by {@code CouponRowGuardsIT} (guard mutations
 * {@code coupon-conditional-issue}, {@code coupon-once-per-user}) and
 * {@code ConditionalCouponConcurrencyIT}.
 */
package dev.commerce.coupon.adapter.out.conditional;
