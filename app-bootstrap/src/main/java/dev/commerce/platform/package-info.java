/**
 * Platform: what the whole application shares at its edges, chiefly the mapping of every failure
 * to an RFC 9457 problem detail with a stable {@code code}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package dev.commerce.platform;
