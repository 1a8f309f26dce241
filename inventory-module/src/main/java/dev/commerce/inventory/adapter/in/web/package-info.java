/** The inventory REST API: stock per SKU and reservations, per the HTTP contract. */
package dev.commerce.inventory.adapter.in.web;
