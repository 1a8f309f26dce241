/**
 * Module events that did not reach their listener: delivered again while the service runs, not
 * only when an instance restarts.
 */
package dev.commerce.platform.events;
