/** The order module's adapters and the configuration that wires them to the use cases. */
package dev.commerce.order.adapter;
