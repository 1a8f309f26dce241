package dev.commerce.order;

import java.time.Instant;

/** Forgets request keys (with their recorded answers) and abandoned placements' notes past their retention. */
public interface ForgetOldRequestsUseCase {

    /** Deletes the request keys created, and the placement notes abandoned, before {@code cutoff}. */
    void forgetBefore(Instant cutoff);
}
