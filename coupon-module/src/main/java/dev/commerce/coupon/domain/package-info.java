/** The coupon aggregate and the issued copies it hands out: plain Java guarding its own invariants. */
package dev.commerce.coupon.domain;
