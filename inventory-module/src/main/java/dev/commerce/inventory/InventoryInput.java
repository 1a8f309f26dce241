package dev.commerce.inventory;

/** Shape checks shared by the command records; every failure is an {@code INVALID_REQUEST}. */
final class InventoryInput {

    static final int MAX_ID_LENGTH = 100;

    private InventoryInput() {
    }

    static String requireId(String value, String field) {
        if (value == null || value.isBlank()) {
            throw InventoryException.invalidRequest(field + " must not be blank");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw InventoryException.invalidRequest(field + " must be at most " + MAX_ID_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw InventoryException.invalidRequest(field + " must not contain control characters");
        }
        return value;
    }

    static long requireBetween(long value, long min, long max, String field) {
        if (value < min || value > max) {
            throw InventoryException.invalidRequest(field + " must be between " + min + " and " + max);
        }
        return value;
    }
}
