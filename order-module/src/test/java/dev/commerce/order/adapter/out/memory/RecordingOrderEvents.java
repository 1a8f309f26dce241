package dev.commerce.order.adapter.out.memory;

import dev.commerce.order.application.port.OrderEvents;
import java.util.ArrayList;
import java.util.List;

/** Keeps published events; with a follow-up it delivers them at once, as the listener would after commit. */
public class RecordingOrderEvents implements OrderEvents {

    private final List<Object> events = new ArrayList<>();
    private final java.util.function.Consumer<Object> deliver;

    public RecordingOrderEvents(java.util.function.Consumer<Object> deliver) {
        this.deliver = deliver;
    }

    @Override
    public void publish(Object event) {
        synchronized (this) {
            events.add(event);
        }
        deliver.accept(event);
    }

    public synchronized List<Object> events() {
        return List.copyOf(events);
    }
}
