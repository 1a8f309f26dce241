package dev.commerce.order.application.port;

import dev.commerce.order.OrderView;
import dev.commerce.shared.ErrorCategory;

/**
 * The first answer to a keyed request, replayed to every repetition: an order (status 201), or a
 * refusal by its code, category and detail.
 */
public record RecordedOutcome(int status, OrderView order, String errorCode, ErrorCategory errorCategory,
        String errorDetail) {

    public static RecordedOutcome success(int status, OrderView order) {
        return new RecordedOutcome(status, order, null, null, null);
    }

    public static RecordedOutcome refusal(String code, ErrorCategory category, String detail) {
        return new RecordedOutcome(0, null, code, category, detail);
    }

    public boolean carriesOrder() {
        return order != null;
    }
}
