/**
 * Who is calling: the service is an OAuth2 resource server. Bearer tokens (JWT) are verified by
 * Spring Boot's standard properties, or in local mode by the local issuer's key; the verified
 * token becomes a {@link dev.commerce.shared.Caller} that controllers receive as a parameter.
 * Administrator-only calls are decided here, by path; ownership of objects in the modules.
 */
package dev.commerce.platform.security;
