package dev.commerce.shared;

/**
 * Who sent a request: the verified token's user id ({@code sub}, a positive integer) and whether
 * it carries the {@code admin} scope. The web edge resolves it; modules decide with it what the
 * caller may see and touch, without knowing how it was verified.
 */
public record Caller(long userId, boolean admin) {

    public Caller {
        if (userId <= 0) {
            throw new IllegalArgumentException("userId must be a positive integer, was " + userId);
        }
    }

    public static Caller buyer(long userId) {
        return new Caller(userId, false);
    }

    public static Caller administrator(long userId) {
        return new Caller(userId, true);
    }

    /** An administrator sees every object; anyone else only the objects they created. */
    public boolean maySee(long ownerId) {
        return admin || ownerId == userId;
    }
}
