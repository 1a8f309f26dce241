package dev.commerce.shared;

/**
 * What kind of failure an {@link ErrorCode} is. The web layer maps each category to one HTTP
 * status, so domain code never speaks HTTP.
 */
public enum ErrorCategory {
    /** The request itself is malformed or violates a rule of its shape (400). */
    INVALID_REQUEST,
    /** The request carries no valid credentials (401). */
    UNAUTHENTICATED,
    /** The caller is known but may not do this (403). */
    FORBIDDEN,
    /** The thing named by the request does not exist (404). */
    NOT_FOUND,
    /** The request conflicts with the current state (409). */
    CONFLICT,
    /** A payment was refused by the party that decides (402). */
    DECLINED,
    /** The request is well formed but cannot be processed as sent (422). */
    UNPROCESSABLE,
    /** The caller sent too many requests; retrying after a pause will pass (429). */
    RATE_LIMITED,
    /** A resource the request needs is busy or down; retrying later may succeed (503). */
    UNAVAILABLE,
    /** An upstream service answered with a failure (502). */
    UPSTREAM_FAILED,
    /** An upstream service did not answer in time (504). */
    UPSTREAM_TIMEOUT,
    /** A fault of this service; details stay in its log (500). */
    INTERNAL
}
