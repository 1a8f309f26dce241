/** Out-ports the inventory use cases need: stock row locks, transactions, and the stock, price and reservation stores. */
package dev.commerce.inventory.application.port;
