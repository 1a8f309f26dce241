/** Out-ports the inventory use cases need: the serialisation of stock changes (row locks or version-checked retries), transactions, and the stock, price and reservation stores. */
package dev.commerce.inventory.application.port;
