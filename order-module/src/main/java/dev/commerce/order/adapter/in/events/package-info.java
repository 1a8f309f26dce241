/** Listeners that carry a committed order change to the other modules, and a settled payment to its order. */
package dev.commerce.order.adapter.in.events;
