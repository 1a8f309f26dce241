/**
 * What runs around the application: local infrastructure (sub-package {@code local}), the
 * invariant checker (sub-package {@code check}) and, as this package's API, the token issuer of
 * local mode ({@link dev.commerce.infra.LocalTokenIssuer}), which the application's security
 * layer, the tests and the benchmarks share.
 */
package dev.commerce.infra;
