package dev.commerce.infra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * The token issuer of local mode: an RSA key kept in one file that every local instance on this
 * machine shares (so a token minted by one instance, a test or a benchmark is accepted by all),
 * and RS256 tokens signed with it, shaped like an identity provider's: {@code sub} the user id,
 * {@code scope} space-separated, {@code iss}, {@code iat}, {@code exp}.
 *
 * <p>Never used with the production configuration: there tokens come from a real identity
 * provider and are verified by Spring Boot's standard resource-server properties.
 */
public final class LocalTokenIssuer {

    /** The {@code iss} claim of local tokens. */
    public static final String ISSUER = "commerce-local";

    /** Where local instances keep the key unless told otherwise. */
    public static final Path DEFAULT_KEY_FILE =
            Path.of(System.getProperty("java.io.tmpdir"), "commerce-local-issuer", "issuer-key.json");

    private final RSAKey key;
    private final RSASSASigner signer;

    private LocalTokenIssuer(RSAKey key) {
        this.key = key;
        try {
            this.signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the local issuer key", e);
        }
    }

    /** The issuer whose key is in {@link #DEFAULT_KEY_FILE}, creating the key on first use. */
    public static LocalTokenIssuer shared() {
        return atKeyFile(DEFAULT_KEY_FILE);
    }

    /**
     * The issuer whose key is in {@code keyFile}, creating it when absent. Creation is atomic
     * across processes: the key is written whole to a temporary file and linked into place, so
     * two instances starting at once agree on one key and nobody reads half a file.
     */
    public static LocalTokenIssuer atKeyFile(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            return new LocalTokenIssuer(RSAKey.parse(Files.readString(keyFile, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the local issuer key " + keyFile, e);
        } catch (ParseException e) {
            throw new IllegalStateException("the local issuer key " + keyFile + " is damaged; delete it to get a new one", e);
        }
    }

    /** A fresh issuer with a key of its own, kept only in memory: for tests of wrongly signed tokens. */
    public static LocalTokenIssuer withNewKey() {
        return new LocalTokenIssuer(generate());
    }

    private static void create(Path keyFile) throws IOException {
        Path folder = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "issuer-key", ".tmp");
        try {
            restrictToOwner(temporary);
            Files.writeString(temporary, generate().toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.createLink(keyFile, temporary);
            } catch (FileAlreadyExistsException raced) {
                // another process created it first: use theirs
            } catch (UnsupportedOperationException noLinks) {
                Files.move(temporary, keyFile);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: the key stays readable as the folder allows
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** The key that verifies this issuer's tokens. */
    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}), for {@code public-key-location}. */
    public String publicKeyPem() {
        String base64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(publicKey().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** A token for a buyer, valid for {@code lifetime}. */
    public String buyer(long userId, Duration lifetime) {
        return mint(Long.toString(userId), "", Instant.now(), lifetime);
    }

    /** A token with scope {@code admin}, valid for {@code lifetime}. */
    public String administrator(long userId, Duration lifetime) {
        return mint(Long.toString(userId), "admin", Instant.now(), lifetime);
    }

    /**
     * A token with any subject and scope, issued at {@code issuedAt} and valid for
     * {@code lifetime} (in the past for an expired one): for tests of what the service refuses.
     */
    public String mint(String subject, String scope, Instant issuedAt, Duration lifetime) {
        Objects.requireNonNull(subject, "subject");
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString());
        if (scope != null && !scope.isBlank()) {
            claims.claim("scope", scope);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
