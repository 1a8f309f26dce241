package dev.commerce.platform.security;

import dev.commerce.infra.LocalTokenIssuer;
import dev.commerce.shared.CommonErrorCode;
import dev.commerce.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.context.annotation.Conditional;

/**
 * {@code POST /local/tokens[?userId=42]}: a buyer token and an administrator token from the
 * local issuer, for a newcomer with nothing configured. Under the same condition as
 * {@link LocalIssuerConfiguration}, so it never exists in production or next to a real identity
 * provider.
 */
@RestController
@Conditional(LocalIssuerCondition.class)
class LocalTokenController {

    static final Duration LIFETIME = Duration.ofHours(12);
    static final long ADMINISTRATOR_ID = 1;

    private final LocalTokenIssuer issuer;

    LocalTokenController(LocalTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @PostMapping(path = "/local/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
    LocalTokens mint(@RequestParam(name = "userId", defaultValue = "1001") String userId) {
        long buyer;
        try {
            buyer = Long.parseLong(userId);
        } catch (NumberFormatException e) {
            buyer = 0;
        }
        if (buyer <= 0) {
            throw new DomainException(CommonErrorCode.INVALID_REQUEST, "userId must be a positive integer");
        }
        return new LocalTokens(LocalTokenIssuer.ISSUER, Instant.now().plus(LIFETIME),
                new Token(buyer, "", issuer.buyer(buyer, LIFETIME)),
                new Token(ADMINISTRATOR_ID, "admin", issuer.administrator(ADMINISTRATOR_ID, LIFETIME)));
    }

    record LocalTokens(String issuer, Instant expiresAt, Token buyer, Token administrator) {
    }

    record Token(long userId, String scope, String token) {
    }
}
