package dev.commerce.order.adapter;

import dev.commerce.coupon.RedeemCouponUseCase;
import dev.commerce.coupon.ReleaseCouponUseCase;
import dev.commerce.inventory.CancelReservationUseCase;
import dev.commerce.inventory.ConfirmReservationUseCase;
import dev.commerce.inventory.GetPricesQuery;
import dev.commerce.inventory.GetReservationQuery;
import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.order.ExpireOrdersUseCase;
import dev.commerce.order.RecoverPlacementsUseCase;
import dev.commerce.order.adapter.in.events.OrderEventListener;
import dev.commerce.order.adapter.in.events.PaymentSettledListener;
import dev.commerce.order.adapter.in.scheduling.OrderExpiryJob;
import dev.commerce.order.adapter.out.coupon.CouponModuleRedemptions;
import dev.commerce.order.adapter.out.events.SpringOrderEvents;
import dev.commerce.order.adapter.out.inventory.InventoryPriceCatalog;
import dev.commerce.order.adapter.out.inventory.InventoryStockReservations;
import dev.commerce.order.adapter.out.metrics.MeteredCouponRedemptions;
import dev.commerce.order.adapter.out.metrics.MeteredOrderEvents;
import dev.commerce.order.adapter.out.metrics.MeteredStockReservations;
import dev.commerce.order.adapter.out.metrics.OrderMetrics;
import dev.commerce.order.adapter.out.payment.PaymentModuleOrderPayments;
import dev.commerce.order.adapter.out.persistence.JdbcOrderRepository;
import dev.commerce.order.adapter.out.persistence.JdbcOrderTransactions;
import dev.commerce.order.adapter.out.persistence.JdbcPlacementJournal;
import dev.commerce.order.adapter.out.persistence.JdbcRequestKeyStore;
import dev.commerce.order.application.LateChargeRefunds;
import dev.commerce.order.application.OrderCanceller;
import dev.commerce.order.application.OrderExpirer;
import dev.commerce.order.application.OrderFollowUp;
import dev.commerce.order.application.SettledCharges;
import dev.commerce.order.application.OrderPayer;
import dev.commerce.order.application.OrderPlacer;
import dev.commerce.order.application.OrderReader;
import dev.commerce.order.application.PlacementRecovery;
import dev.commerce.order.application.OrderSettings;
import dev.commerce.order.application.port.CouponRedemptions;
import dev.commerce.order.application.port.OrderEvents;
import dev.commerce.order.application.port.OrderPayments;
import dev.commerce.order.application.port.OrderRepository;
import dev.commerce.order.application.port.OrderTransactions;
import dev.commerce.order.application.port.PlacementJournal;
import dev.commerce.order.application.port.PriceCatalog;
import dev.commerce.order.application.port.RequestKeyStore;
import dev.commerce.order.application.port.StockReservations;
import dev.commerce.payment.ChargePaymentUseCase;
import dev.commerce.payment.RefundPaymentUseCase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the order use cases to their adapters with explicit bean methods (the core is never
 * component-scanned). The other modules are reached only through their API packages.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrderProperties.class)
public class OrderConfiguration {

    @Bean
    OrderRepository orderRepository(JdbcClient jdbc) {
        return new JdbcOrderRepository(jdbc);
    }

    @Bean
    RequestKeyStore orderRequestKeys(JdbcClient jdbc, JsonMapper json) {
        return new JdbcRequestKeyStore(jdbc, json);
    }

    @Bean
    PlacementJournal placementJournal(JdbcClient jdbc) {
        return new JdbcPlacementJournal(jdbc);
    }

    @Bean
    OrderTransactions orderTransactions(PlatformTransactionManager transactionManager) {
        return new JdbcOrderTransactions(transactionManager);
    }

    @Bean
    OrderMetrics orderMetrics(MeterRegistry registry) {
        return new OrderMetrics(registry);
    }

    /** Counts the committed transitions ({@code orders.transitions}). */
    @Bean
    OrderEvents orderEvents(ApplicationEventPublisher publisher, OrderMetrics metrics) {
        return new MeteredOrderEvents(new SpringOrderEvents(publisher), metrics);
    }

    @Bean
    PriceCatalog orderPriceCatalog(GetPricesQuery prices) {
        return new InventoryPriceCatalog(prices);
    }

    @Bean
    StockReservations orderStockReservations(ReserveStockUseCase reserve, ConfirmReservationUseCase confirm,
            CancelReservationUseCase cancel, GetReservationQuery read) {
        return new InventoryStockReservations(reserve, confirm, cancel, read);
    }

    @Bean
    CouponRedemptions orderCouponRedemptions(RedeemCouponUseCase redeem, ReleaseCouponUseCase release) {
        return new CouponModuleRedemptions(redeem, release);
    }

    @Bean
    OrderPayments orderPayments(ChargePaymentUseCase charges, RefundPaymentUseCase refunds, JsonMapper json) {
        return new PaymentModuleOrderPayments(charges, refunds, json);
    }

    @Bean
    LateChargeRefunds lateChargeRefunds(OrderRepository orders, OrderPayments payments) {
        return new LateChargeRefunds(orders, payments);
    }

    private static OrderSettings settings(OrderProperties properties) {
        return new OrderSettings(properties.paymentLease(), properties.keyLease());
    }

    @Bean
    OrderPlacer orderPlacer(OrderRepository orders, PriceCatalog catalog, StockReservations stock,
            CouponRedemptions coupons, OrderTransactions transactions, PlacementJournal journal, RequestKeyStore keys,
            Clock clock, OrderProperties properties, OrderMetrics metrics) {
        // the placer releases only to undo a checkout whose later step failed
        return new OrderPlacer(orders, catalog, new MeteredStockReservations(stock, metrics, OrderMetrics.PLACE_FAILED),
                new MeteredCouponRedemptions(coupons, metrics, OrderMetrics.PLACE_FAILED), transactions, journal, keys,
                clock, settings(properties));
    }

    @Bean
    OrderPayer orderPayer(OrderRepository orders, OrderPayments payments, OrderEvents events,
            OrderTransactions transactions, RequestKeyStore keys, Clock clock, OrderProperties properties,
            LateChargeRefunds refunds) {
        return new OrderPayer(orders, payments, events, transactions, keys, clock, settings(properties), refunds);
    }

    @Bean
    OrderCanceller orderCanceller(OrderRepository orders, OrderEvents events, OrderTransactions transactions,
            Clock clock) {
        return new OrderCanceller(orders, events, transactions, clock);
    }

    @Bean
    OrderReader orderReader(OrderRepository orders) {
        return new OrderReader(orders);
    }

    @Bean
    OrderExpirer orderExpirer(OrderRepository orders, OrderEvents events, OrderTransactions transactions) {
        return new OrderExpirer(orders, events, transactions);
    }

    @Bean
    PlacementRecovery placementRecovery(PlacementJournal journal, OrderEvents events, OrderTransactions transactions,
            RequestKeyStore keys, OrderProperties properties) {
        return new PlacementRecovery(journal, events, transactions, keys, properties.placementRecoveryAfter());
    }

    @Bean
    OrderFollowUp orderFollowUp(StockReservations stock, CouponRedemptions coupons, LateChargeRefunds refunds) {
        return new OrderFollowUp(stock, coupons, refunds);
    }

    /** The follow-ups of a cancel and of an expiry count their releases under their own trigger. */
    @Bean
    OrderEventListener orderEventListener(OrderFollowUp followUp, StockReservations stock, CouponRedemptions coupons,
            LateChargeRefunds refunds, OrderMetrics metrics) {
        return new OrderEventListener(followUp,
                meteredFollowUp(stock, coupons, refunds, metrics, OrderMetrics.ORDER_CANCELLED),
                meteredFollowUp(stock, coupons, refunds, metrics, OrderMetrics.ORDER_EXPIRED),
                meteredFollowUp(stock, coupons, refunds, metrics, OrderMetrics.PLACEMENT_ABANDONED));
    }

    private static OrderFollowUp meteredFollowUp(StockReservations stock, CouponRedemptions coupons,
            LateChargeRefunds refunds, OrderMetrics metrics, String trigger) {
        return new OrderFollowUp(new MeteredStockReservations(stock, metrics, trigger),
                new MeteredCouponRedemptions(coupons, metrics, trigger), refunds);
    }

    @Bean
    SettledCharges settledCharges(OrderRepository orders, OrderEvents events, OrderTransactions transactions,
            Clock clock) {
        return new SettledCharges(orders, events, transactions, clock);
    }

    @Bean
    PaymentSettledListener paymentSettledListener(SettledCharges settledCharges) {
        return new PaymentSettledListener(settledCharges);
    }

    @Bean
    OrderExpiryJob orderExpiryJob(ExpireOrdersUseCase expirer, RecoverPlacementsUseCase recovery,
            PlacementJournal journal, RequestKeyStore keys, Clock clock, OrderProperties properties) {
        return new OrderExpiryJob(expirer, recovery, journal, keys, clock, properties.expiryBatchSize(),
                properties.keyRetention());
    }
}
