package dev.commerce.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ReserveStockCommandTest {

    private static final List<ReserveStockCommand.Line> ONE_LINE = List.of(new ReserveStockCommand.Line("A", 1));

    private static void assertInvalid(ThrowingCallable construction) {
        assertThatThrownBy(construction).isInstanceOfSatisfying(InventoryException.class,
                e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.INVALID_REQUEST));
    }

    @Test
    void lines_for_the_same_sku_are_merged_by_summing_in_first_seen_order() {
        ReserveStockCommand command = new ReserveStockCommand("order-1", List.of(
                new ReserveStockCommand.Line("B", 1),
                new ReserveStockCommand.Line("A", 2),
                new ReserveStockCommand.Line("B", 3)));

        assertThat(command.lines()).containsExactly(
                new ReserveStockCommand.Line("B", 4), new ReserveStockCommand.Line("A", 2));
        assertThat(command.skus()).containsExactly("B", "A");
    }

    @Test
    void a_merged_quantity_above_the_line_cap_is_invalid() {
        assertInvalid(() -> new ReserveStockCommand("order-1", List.of(
                new ReserveStockCommand.Line("A", ReserveStockCommand.MAX_LINE_QUANTITY),
                new ReserveStockCommand.Line("A", 1))));
    }

    @Test
    void the_order_id_must_be_present_and_at_most_100_characters() {
        assertInvalid(() -> new ReserveStockCommand(null, ONE_LINE));
        assertInvalid(() -> new ReserveStockCommand(" ", ONE_LINE));
        assertInvalid(() -> new ReserveStockCommand("o".repeat(101), ONE_LINE));
        assertThat(new ReserveStockCommand("o".repeat(100), ONE_LINE).orderId()).hasSize(100);
    }

    @Test
    void there_must_be_1_to_100_lines_and_none_null() {
        assertInvalid(() -> new ReserveStockCommand("order-1", null));
        assertInvalid(() -> new ReserveStockCommand("order-1", List.of()));
        assertInvalid(() -> new ReserveStockCommand("order-1", Arrays.asList(new ReserveStockCommand.Line("A", 1), null)));
        List<ReserveStockCommand.Line> tooMany = new ArrayList<>();
        for (int i = 0; i <= ReserveStockCommand.MAX_LINES; i++) {
            tooMany.add(new ReserveStockCommand.Line("sku-" + i, 1));
        }
        assertInvalid(() -> new ReserveStockCommand("order-1", tooMany));
        assertThat(new ReserveStockCommand("order-1", tooMany.subList(0, 100)).lines()).hasSize(100);
    }

    @Test
    void a_line_needs_a_sku_of_at_most_100_characters_and_a_quantity_from_1_to_a_million() {
        assertInvalid(() -> new ReserveStockCommand.Line(null, 1));
        assertInvalid(() -> new ReserveStockCommand.Line("", 1));
        assertInvalid(() -> new ReserveStockCommand.Line("s".repeat(101), 1));
        assertInvalid(() -> new ReserveStockCommand.Line("A", 0));
        assertInvalid(() -> new ReserveStockCommand.Line("A", -1));
        assertInvalid(() -> new ReserveStockCommand.Line("A", 1_000_001));
        assertThat(new ReserveStockCommand.Line("A", 1_000_000).quantity()).isEqualTo(1_000_000);
    }

    @Test
    void the_lines_cannot_be_changed_after_validation() {
        List<ReserveStockCommand.Line> lines = new ArrayList<>(ONE_LINE);
        ReserveStockCommand command = new ReserveStockCommand("order-1", lines);
        lines.clear();

        assertThat(command.lines()).hasSize(1);
        assertThatThrownBy(() -> command.lines().add(new ReserveStockCommand.Line("B", 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void the_other_commands_validate_themselves_too() {
        assertInvalid(() -> new SetStockCommand(null, 1));
        assertInvalid(() -> new SetStockCommand("A", -1));
        assertInvalid(() -> new SetStockCommand("A", SetStockCommand.MAX_ON_HAND + 1));
        assertThat(new SetStockCommand("A", 0).onHand()).isZero();
        assertInvalid(() -> new ConfirmReservationCommand(" "));
        assertInvalid(() -> new CancelReservationCommand(null));
        assertInvalid(() -> new ExpireReservationsCommand(null, 1));
        assertInvalid(() -> new ExpireReservationsCommand(Instant.EPOCH, 0));
        assertThat(ExpireReservationsCommand.asOf(Instant.EPOCH).maxCount())
                .isEqualTo(ExpireReservationsCommand.DEFAULT_BATCH);
    }
}
