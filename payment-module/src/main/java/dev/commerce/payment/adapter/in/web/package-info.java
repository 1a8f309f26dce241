/** The payment HTTP adapter: the payments endpoints. */
package dev.commerce.payment.adapter.in.web;
