/** The inventory REST API: stock and price per SKU and reservations, per the HTTP contract. */
package dev.commerce.inventory.adapter.in.web;
