package dev.commerce.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fingerprint a key is bound to: SHA-256 (hex) of {@code v1}, the method, the path (with its
 * query, if any) and the canonical body, one per line. A JSON body is canonical when re-serialised
 * with the names of every object sorted and no whitespace, so that field order and formatting do not
 * matter; any other body (not JSON, a name given twice) counts byte for byte.
 */
public final class RequestFingerprint {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private RequestFingerprint() {
    }

    public static String of(String method, String path, byte[] body) {
        MessageDigest sha256 = sha256();
        sha256.update(("v1\n" + method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
        sha256.update(canonical(body));
        return HexFormat.of().formatHex(sha256.digest());
    }

    static byte[] canonical(byte[] body) {
        if (body.length == 0) {
            return body;
        }
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                return body;
            }
            return JSON.writeValueAsBytes(sorted(tree));
        } catch (JacksonException e) {
            return body; // not JSON: the controller refuses it; its bytes are what was sent
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Map<String, JsonNode> byName = new TreeMap<>();
            object.properties().forEach(property -> byName.put(property.getKey(), sorted(property.getValue())));
            ObjectNode copy = JSON.createObjectNode();
            byName.forEach(copy::set);
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JSON.createArrayNode();
            array.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
