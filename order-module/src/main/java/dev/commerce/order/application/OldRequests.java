package dev.commerce.order.application;

import dev.commerce.order.ForgetOldRequestsUseCase;
import dev.commerce.order.application.port.PlacementJournal;
import dev.commerce.order.application.port.RequestKeyStore;
import java.time.Instant;
import java.util.Objects;

/** Forgets what the idempotency of checkout and payment no longer needs: old keys and abandoned notes. */
public final class OldRequests implements ForgetOldRequestsUseCase {

    private final RequestKeyStore keys;
    private final PlacementJournal journal;

    public OldRequests(RequestKeyStore keys, PlacementJournal journal) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    @Override
    public void forgetBefore(Instant cutoff) {
        keys.deleteCreatedBefore(cutoff);
        journal.deleteAbandonedBefore(cutoff);
    }
}
