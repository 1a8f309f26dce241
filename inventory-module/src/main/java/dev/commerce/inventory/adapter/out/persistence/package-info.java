/** PostgreSQL adapters of the inventory out-ports: the row lock and the stock, price and reservation stores. */
package dev.commerce.inventory.adapter.out.persistence;
