/** Coupons over HTTP: the REST controller and its request records. */
package dev.commerce.coupon.adapter.in.web;
