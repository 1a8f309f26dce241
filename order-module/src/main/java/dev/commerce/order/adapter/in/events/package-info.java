/** Listeners that carry a committed order change to the other modules. */
package dev.commerce.order.adapter.in.events;
