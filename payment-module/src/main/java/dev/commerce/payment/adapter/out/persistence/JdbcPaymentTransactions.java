package dev.commerce.payment.adapter.out.persistence;

import dev.commerce.payment.application.port.PaymentTransactions;
import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@link PaymentTransactions} on Spring's transaction manager: one database transaction per call. */
class JdbcPaymentTransactions implements PaymentTransactions {

    private final TransactionTemplate transactions;

    JdbcPaymentTransactions(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }
}
