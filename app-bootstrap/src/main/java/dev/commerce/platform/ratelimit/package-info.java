/**
 * The per-caller rate limit of the hot endpoints (coupon issue, checkout), one budget per user or,
 * without credentials, per address, shared by every instance through Redis (ADR 7).
 */
package dev.commerce.platform.ratelimit;
