package dev.commerce.order.adapter;

import dev.commerce.order.adapter.out.metrics.MeteredCouponRedemptions;
import dev.commerce.order.adapter.out.metrics.MeteredOrderEvents;
import dev.commerce.order.adapter.out.metrics.MeteredStockReservations;
import dev.commerce.order.adapter.out.metrics.OrderMetrics;
import dev.commerce.order.application.LateChargeRefunds;
import dev.commerce.order.application.OldRequests;
import dev.commerce.order.application.OrderCanceller;
import dev.commerce.order.application.OrderExpirer;
import dev.commerce.order.application.OrderFollowUp;
import dev.commerce.order.application.OrderFollowUps;
import dev.commerce.order.application.OrderPayer;
import dev.commerce.order.application.OrderPlacer;
import dev.commerce.order.application.OrderReader;
import dev.commerce.order.application.OrderSettings;
import dev.commerce.order.application.PlacementRecovery;
import dev.commerce.order.application.SettledCharges;
import dev.commerce.order.application.port.CouponRedemptions;
import dev.commerce.order.application.port.OrderEvents;
import dev.commerce.order.application.port.OrderPayments;
import dev.commerce.order.application.port.OrderRepository;
import dev.commerce.order.application.port.OrderTransactions;
import dev.commerce.order.application.port.PlacementJournal;
import dev.commerce.order.application.port.PriceCatalog;
import dev.commerce.order.application.port.RequestKeyStore;
import dev.commerce.order.application.port.StockReservations;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the order use cases to the out-ports with explicit bean methods (the core is never
 * component-scanned); each adapter's own configuration, in its package, provides the ports. The
 * metering decorators go around the ports here, where it is known which use case (and which trigger
 * of a compensation) a port call belongs to.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrderProperties.class)
class OrderUseCaseConfiguration {

    /** Counts the committed transitions ({@code orders.transitions}). */
    private static OrderEvents counted(OrderEvents events, OrderMetrics metrics) {
        return new MeteredOrderEvents(events, metrics);
    }

    private static OrderSettings settings(OrderProperties properties) {
        return new OrderSettings(properties.paymentLease(), properties.keyLease());
    }

    @Bean
    LateChargeRefunds lateChargeRefunds(OrderRepository orders, OrderPayments payments) {
        return new LateChargeRefunds(orders, payments);
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
            LateChargeRefunds refunds, OrderMetrics metrics) {
        return new OrderPayer(orders, payments, counted(events, metrics), transactions, keys, clock,
                settings(properties), refunds);
    }

    @Bean
    OrderCanceller orderCanceller(OrderRepository orders, OrderEvents events, OrderTransactions transactions,
            Clock clock, OrderMetrics metrics) {
        return new OrderCanceller(orders, counted(events, metrics), transactions, clock);
    }

    @Bean
    OrderReader orderReader(OrderRepository orders) {
        return new OrderReader(orders);
    }

    @Bean
    OrderExpirer orderExpirer(OrderRepository orders, OrderEvents events, OrderTransactions transactions,
            OrderMetrics metrics) {
        return new OrderExpirer(orders, counted(events, metrics), transactions);
    }

    @Bean
    PlacementRecovery placementRecovery(PlacementJournal journal, OrderEvents events, OrderTransactions transactions,
            RequestKeyStore keys, OrderProperties properties, OrderMetrics metrics) {
        return new PlacementRecovery(journal, counted(events, metrics), transactions, keys,
                properties.placementRecoveryAfter());
    }

    @Bean
    OldRequests oldRequests(RequestKeyStore keys, PlacementJournal journal) {
        return new OldRequests(keys, journal);
    }

    /** The follow-ups of a cancel, an expiry and an abandoned placement count their releases under their own trigger. */
    @Bean
    OrderFollowUps orderFollowUps(StockReservations stock, CouponRedemptions coupons, LateChargeRefunds refunds,
            OrderMetrics metrics) {
        return new OrderFollowUps(new OrderFollowUp(stock, coupons, refunds),
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
            Clock clock, OrderMetrics metrics) {
        return new SettledCharges(orders, counted(events, metrics), transactions, clock);
    }
}
