package dev.commerce.fullstack.order;

import static dev.commerce.fullstack.order.OrderTestSupport.body;
import static dev.commerce.fullstack.order.OrderTestSupport.eventually;
import static dev.commerce.fullstack.order.OrderTestSupport.newKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.FullStackTest;
import dev.commerce.platform.events.EventRedeliveryJob;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A module event whose listener failed is delivered again while the service runs, not only on
 * restart: an order's cancel whose release of stock "failed" (its effect undone, its publication
 * marked FAILED a few minutes ago) releases the stock once the redelivery job has run.
 */
class EventRedeliveryIT extends FullStackTest {

    @Autowired
    EventRedeliveryJob redelivery;

    @Test
    void a_failed_order_cancelled_event_is_delivered_again_and_releases_the_stock() {
        OrderTestSupport orders = new OrderTestSupport(port, jdbc);
        long buyer = 61_001;
        String sku = orders.product(5, 1_000);
        String id = orders.place(buyer, newKey(), body(sku, 2)).json().path("id").asString();
        assertThat(orders.cancel(buyer, id).status()).isEqualTo(200);
        eventually(() -> orders.reservationStatus(id), "CANCELLED");
        String publication = jdbc.queryForObject("SELECT id::text FROM event_publication WHERE event_type LIKE"
                + " '%OrderCancelled' AND serialized_event LIKE ?", String.class, "%" + id + "%");
        eventually(() -> completed(publication), true);

        // as if the listener had failed: its release undone, its publication left FAILED five minutes ago
        jdbc.update("UPDATE inventory.reservation SET status = 'PENDING' WHERE id ="
                + " (SELECT reservation_id FROM orders.\"order\" WHERE id = ?)", id);
        jdbc.update("UPDATE inventory.stock SET reserved = reserved + 2 WHERE sku = ?", sku);
        assertThat(orders.reserved(sku)).isEqualTo(2);
        jdbc.update("UPDATE event_publication SET completion_date = NULL, status = 'FAILED',"
                + " publication_date = now() - interval '5 minutes' WHERE id = ?::uuid", publication);

        redelivery.resubmit();

        eventually(() -> orders.reservationStatus(id), "CANCELLED");
        eventually(() -> orders.reserved(sku), 0L);
        eventually(() -> completed(publication), true);
        assertInvariantsHold();
    }

    private boolean completed(String publication) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT completion_date IS NOT NULL FROM event_publication WHERE id = ?::uuid", Boolean.class, publication));
    }
}
