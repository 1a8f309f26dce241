/** The order endpoints under {@code /api/v1/orders}. */
package dev.commerce.order.adapter.in.web;
