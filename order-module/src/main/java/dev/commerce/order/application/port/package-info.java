/** The out-ports the order module needs, named for what they do; each has a real and an in-memory adapter. */
package dev.commerce.order.application.port;
