package dev.commerce.shared;

/**
 * A stable, machine-readable error code (upper snake case) with its category. Modules declare
 * their codes as enums implementing this interface; clients depend on the names.
 */
public interface ErrorCode {

    /** The code as clients see it, for example {@code INSUFFICIENT_STOCK}. */
    String name();

    ErrorCategory category();
}
