/** Bridge to the payment module's API: an order's charge. */
package dev.commerce.order.adapter.out.payment;
