/** PostgreSQL adapters of the order module (schema {@code orders}). */
package dev.commerce.order.adapter.out.persistence;
