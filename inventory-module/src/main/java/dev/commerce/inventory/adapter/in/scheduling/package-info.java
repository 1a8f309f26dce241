/** Scheduled inventory work: the sweep that expires overdue reservations. */
package dev.commerce.inventory.adapter.in.scheduling;
