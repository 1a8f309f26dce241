/** The payment HTTP adapter: the payments endpoints and the JSON bodies recorded for replay. */
package dev.commerce.payment.adapter.in.web;
