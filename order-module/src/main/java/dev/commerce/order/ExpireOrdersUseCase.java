package dev.commerce.order;

import java.time.Instant;

/** Expires orders still awaiting payment past their {@code expiresAt} ({@link OrderExpired}). */
public interface ExpireOrdersUseCase {

    /** Expires at most {@code limit} overdue orders whose payment is not in flight; returns how many. */
    int expireOverdue(Instant now, int limit);
}
