/** Payment use-case services implementing the module's in-ports over its out-ports, free of any framework. */
package dev.commerce.payment.application;
