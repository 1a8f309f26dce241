package dev.commerce.order.adapter.out.inventory;

import dev.commerce.inventory.CancelReservationUseCase;
import dev.commerce.inventory.ConfirmReservationUseCase;
import dev.commerce.inventory.GetPricesQuery;
import dev.commerce.inventory.GetReservationQuery;
import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.order.application.port.PriceCatalog;
import dev.commerce.order.application.port.StockReservations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Prices and stock reservations, through the inventory module's API. */
@Configuration(proxyBeanMethods = false)
class OrderInventoryConfiguration {

    @Bean
    PriceCatalog orderPriceCatalog(GetPricesQuery prices) {
        return new InventoryPriceCatalog(prices);
    }

    @Bean
    StockReservations orderStockReservations(ReserveStockUseCase reserve, ConfirmReservationUseCase confirm,
            CancelReservationUseCase cancel, GetReservationQuery read) {
        return new InventoryStockReservations(reserve, confirm, cancel, read);
    }
}
