/**
 * The production configuration (the Spring profile {@code prod}): a check that refuses to start,
 * naming every missing setting, when the database, Redis, the payment gateway or token
 * verification is not configured, before anything is started.
 */
package dev.commerce.platform.production;
