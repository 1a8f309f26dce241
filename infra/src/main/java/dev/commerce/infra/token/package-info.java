/**
 * The token issuer of local mode: one RSA key shared by the local instances of this machine, and
 * tokens signed with it, so that a newcomer, the tests and the benchmarks act with real bearer
 * tokens without an identity provider.
 */
package dev.commerce.infra.token;
