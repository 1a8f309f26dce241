package dev.commerce.order.adapter.out.memory;

import dev.commerce.order.application.port.PlacementJournal;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The placement journal in a map; each call is atomic, as each statement of the JDBC journal is. */
public class InMemoryPlacementJournal implements PlacementJournal {

    private record Note(Placement placement, Instant abandonedAt) {
    }

    private final Map<String, Note> notes = new HashMap<>();

    @Override
    public synchronized boolean begin(Placement placement) {
        Note note = notes.computeIfAbsent(placement.orderId(), id -> new Note(placement, null));
        return note.abandonedAt() == null;
    }

    @Override
    public synchronized boolean finish(String orderId) {
        Note note = notes.get(orderId);
        if (note == null || note.abandonedAt() != null) {
            return false;
        }
        notes.remove(orderId);
        return true;
    }

    @Override
    public synchronized List<Placement> openBefore(Instant before, int limit) {
        return notes.values().stream()
                .filter(note -> note.abandonedAt() == null && note.placement().startedAt().isBefore(before))
                .map(Note::placement)
                .sorted(Comparator.comparing(Placement::startedAt))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized boolean abandon(String orderId, Instant now) {
        Note note = notes.get(orderId);
        if (note == null || note.abandonedAt() != null) {
            return false;
        }
        notes.put(orderId, new Note(note.placement(), now));
        return true;
    }

    @Override
    public synchronized int deleteAbandonedBefore(Instant before) {
        int before0 = notes.size();
        notes.values().removeIf(note -> note.abandonedAt() != null && note.abandonedAt().isBefore(before));
        return before0 - notes.size();
    }

    /** The notes still open (placements in flight, or left behind by a crash). */
    public synchronized List<String> open() {
        return notes.values().stream().filter(note -> note.abandonedAt() == null)
                .map(note -> note.placement().orderId()).sorted().toList();
    }

    /** The tombstones of abandoned placements. */
    public synchronized List<String> abandoned() {
        return notes.values().stream().filter(note -> note.abandonedAt() != null)
                .map(note -> note.placement().orderId()).sorted().toList();
    }
}
