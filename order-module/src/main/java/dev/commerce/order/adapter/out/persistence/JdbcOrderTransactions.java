package dev.commerce.order.adapter.out.persistence;

import dev.commerce.order.application.port.OrderTransactions;
import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link OrderTransactions} on Spring's transaction manager: the event registry writes in the same transaction. */
class JdbcOrderTransactions implements OrderTransactions {

    private final TransactionTemplate transactions;

    JdbcOrderTransactions(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }
}
