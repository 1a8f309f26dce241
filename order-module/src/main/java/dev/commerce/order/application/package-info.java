/** The order use cases: plain Java services over the module's out-ports. */
package dev.commerce.order.application;
