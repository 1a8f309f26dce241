package dev.commerce.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places an order of {@code lines}, optionally with a coupon the caller holds. Lines naming the same
 * SKU are merged (as for reservations), so a request means the same however it is split.
 *
 * @param idempotencyKey the caller's key, 1 to 255 printable ASCII characters
 * @param lines          1 to {@link #MAX_LINES} lines
 * @param couponId       null, or 1 to 100 characters
 */
public record PlaceOrderCommand(String idempotencyKey, List<Line> lines, String couponId) {

    public static final int MAX_LINES = 100;
    public static final int MAX_LINE_QUANTITY = 1_000_000;
    public static final int MAX_ID_LENGTH = 100;

    public PlaceOrderCommand {
        IdempotencyKeys.requireValid(idempotencyKey);
        if (lines == null || lines.isEmpty()) {
            throw OrderException.invalidRequest("lines must not be empty");
        }
        if (lines.size() > MAX_LINES) {
            throw OrderException.invalidRequest("lines must have at most " + MAX_LINES + " entries");
        }
        lines = merged(lines);
        if (couponId != null) {
            requireId(couponId, "couponId");
        }
    }

    public List<String> skus() {
        return lines.stream().map(Line::sku).toList();
    }

    /** SHA-256 (hex) of the canonical request: the merged lines in order, then the coupon. */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder("v1\nplace\n");
        for (Line line : lines) {
            canonical.append(line.quantity()).append(' ').append(line.sku()).append('\n');
        }
        canonical.append(couponId == null ? "-" : "+" + couponId);
        return sha256(canonical.toString());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String requireId(String value, String field) {
        if (value == null || value.isBlank()) {
            throw OrderException.invalidRequest(field + " must not be blank");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw OrderException.invalidRequest(field + " must be at most " + MAX_ID_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw OrderException.invalidRequest(field + " must not contain control characters");
        }
        return value;
    }

    private static List<Line> merged(List<Line> lines) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (Line line : lines) {
            if (line == null) {
                throw OrderException.invalidRequest("lines must not contain null");
            }
            quantities.merge(line.sku(), line.quantity(), Integer::sum);
        }
        List<Line> result = new ArrayList<>(quantities.size());
        quantities.forEach((sku, quantity) -> result.add(new Line(sku, quantity)));
        return List.copyOf(result);
    }

    /**
     * @param sku      1 to 100 characters
     * @param quantity 1 to {@link #MAX_LINE_QUANTITY} (also after merging)
     */
    public record Line(String sku, int quantity) {

        public Line {
            requireId(sku, "sku");
            if (quantity < 1 || quantity > MAX_LINE_QUANTITY) {
                throw OrderException.invalidRequest("quantity must be between 1 and " + MAX_LINE_QUANTITY);
            }
        }
    }
}
