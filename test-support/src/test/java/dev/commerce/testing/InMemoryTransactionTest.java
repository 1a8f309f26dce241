package dev.commerce.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InMemoryTransactionTest {

    private final InMemoryTransaction transaction = new InMemoryTransaction();
    private final List<String> row = new ArrayList<>(List.of("before"));

    private void write(String value) {
        String previous = row.set(0, value);
        transaction.onRollback(() -> row.set(0, previous));
    }

    @Test
    void a_transaction_that_returns_keeps_its_writes_and_publishes_what_waited_for_the_commit_oldest_first() {
        List<String> published = new ArrayList<>();

        String result = transaction.inTransaction(() -> {
            write("first");
            transaction.onCommit(() -> published.add("a"));
            transaction.onCommit(() -> published.add("b"));
            assertThat(published).as("nothing visible before the commit").isEmpty();
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(row).containsExactly("first");
        assertThat(published).containsExactly("a", "b");
        assertThat(transaction.isActive()).isFalse();
    }

    @Test
    void a_transaction_that_throws_undoes_its_writes_newest_first_and_publishes_nothing() {
        List<String> published = new ArrayList<>();

        assertThatThrownBy(() -> transaction.inTransaction(() -> {
            write("first");
            write("second");
            transaction.onCommit(() -> published.add("a"));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        assertThat(row).as("a row written twice ends at its value before the transaction").containsExactly("before");
        assertThat(published).isEmpty();
        assertThat(transaction.isActive()).isFalse();
    }

    @Test
    void an_inner_transaction_joins_the_open_one_and_is_undone_with_it() {
        assertThatThrownBy(() -> transaction.inTransaction(() -> {
            transaction.inTransaction(() -> {
                write("inner");
                return null;
            });
            assertThat(transaction.isActive()).as("the inner call did not commit").isTrue();
            throw new IllegalStateException("outer fails");
        })).hasMessage("outer fails");

        assertThat(row).containsExactly("before");
    }

    @Test
    void outside_a_transaction_writes_are_final_and_published_at_once() {
        List<String> published = new ArrayList<>();

        write("auto-commit");
        transaction.onCommit(() -> published.add("a"));

        assertThat(row).containsExactly("auto-commit");
        assertThat(published).containsExactly("a");
    }

    @Test
    void end_actions_run_newest_first_on_commit_and_on_rollback_and_need_an_open_transaction() {
        List<String> ended = new ArrayList<>();

        transaction.begin();
        transaction.atEnd(() -> ended.add("lock 1"));
        transaction.atEnd(() -> ended.add("lock 2"));
        transaction.commit();
        transaction.begin();
        transaction.atEnd(() -> ended.add("lock 3"));
        transaction.rollback();

        assertThat(ended).containsExactly("lock 2", "lock 1", "lock 3");
        assertThatThrownBy(() -> transaction.atEnd(() -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void begin_refuses_a_second_transaction_on_the_thread_but_another_thread_has_its_own() throws Exception {
        transaction.begin();

        assertThatThrownBy(transaction::begin).isInstanceOf(IllegalStateException.class);
        assertThat(CompletableFuture.supplyAsync(transaction::isActive).get()).as("another thread").isFalse();
        transaction.commit();
    }
}
