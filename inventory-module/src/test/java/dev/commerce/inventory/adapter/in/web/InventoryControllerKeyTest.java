package dev.commerce.inventory.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReservationLineView;
import dev.commerce.inventory.ReservationStatus;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.ReserveStockCommand;
import dev.commerce.shared.Caller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * The {@code Idempotency-Key} of {@code POST /api/v1/reservations} becomes the request key
 * {@code http:<key>}, checked here as well, for when the platform's idempotency filter is off.
 */
class InventoryControllerKeyTest {

    private final List<ReserveStockCommand> commands = new ArrayList<>();
    private final InventoryController controller = new InventoryController(null, null, null, null,
            (caller, command) -> {
                commands.add(command);
                return new ReservationView("r-1", command.orderId(), ReservationStatus.PENDING,
                        List.of(new ReservationLineView("A", 1)), Instant.EPOCH);
            }, null, null, null, new SimpleMeterRegistry());
    private final InventoryController.ReserveRequest request = new InventoryController.ReserveRequest("o-1",
            List.of(new InventoryController.LineRequest("A", 1)));

    @Test
    void the_key_is_passed_on_in_the_http_namespace() {
        ResponseEntity<ReservationView> answer = controller.reserve(Caller.buyer(7), "order:o-1", request);

        assertThat(answer.getStatusCode().value()).isEqualTo(201);
        assertThat(answer.getHeaders().getLocation()).hasToString("/api/v1/reservations/r-1");
        assertThat(commands).extracting(ReserveStockCommand::requestKey).containsExactly("http:order:o-1");
    }

    @Test
    void without_the_header_there_is_no_key() {
        controller.reserve(Caller.buyer(7), null, request);

        assertThat(commands).extracting(ReserveStockCommand::requestKey).containsExactly((String) null);
    }

    @Test
    void a_malformed_key_is_idempotency_key_invalid_and_reserves_nothing() {
        for (String key : List.of("", "k".repeat(256), "tab\there", "caf\u00e9")) {
            assertThatThrownBy(() -> controller.reserve(Caller.buyer(7), key, request))
                    .isInstanceOfSatisfying(InventoryException.class,
                            e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.IDEMPOTENCY_KEY_INVALID));
        }
        assertThat(controller.reserve(Caller.buyer(7), "k".repeat(255), request).getStatusCode().value()).isEqualTo(201);
        assertThat(commands).hasSize(1);
    }
}
