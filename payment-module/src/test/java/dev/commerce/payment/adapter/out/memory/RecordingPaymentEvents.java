package dev.commerce.payment.adapter.out.memory;

import dev.commerce.payment.PaymentSettled;
import dev.commerce.payment.application.port.PaymentEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what was published, in order. */
public final class RecordingPaymentEvents implements PaymentEvents {

    private final List<PaymentSettled> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(PaymentSettled event) {
        published.add(event);
    }

    public List<PaymentSettled> published() {
        return List.copyOf(published);
    }
}
