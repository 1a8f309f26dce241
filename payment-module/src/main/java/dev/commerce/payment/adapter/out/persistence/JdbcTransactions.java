package dev.commerce.payment.adapter.out.persistence;

import dev.commerce.payment.application.port.TransactionPort;
import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@link TransactionPort} on Spring's transaction manager: one database transaction per call. */
public class JdbcTransactions implements TransactionPort {

    private final TransactionTemplate transactions;

    public JdbcTransactions(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }
}
