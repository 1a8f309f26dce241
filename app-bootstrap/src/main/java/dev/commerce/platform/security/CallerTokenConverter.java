package dev.commerce.platform.security;

import dev.commerce.shared.Caller;
import java.util.Collection;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * A verified JWT becomes an authentication whose authorities are its scopes ({@code SCOPE_admin}
 * for administrators), and a {@link Caller}. A token whose {@code sub} is not a positive decimal
 * integer names no user of this service: it is refused like an invalid token (401).
 */
final class CallerTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String ADMIN_AUTHORITY = "SCOPE_admin";

    private final JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        userId(jwt.getSubject());
        Collection<GrantedAuthority> authorities = scopes.convert(jwt);
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    /** The caller a converted authentication stands for. */
    static Caller callerOf(JwtAuthenticationToken authentication) {
        boolean admin = authentication.getAuthorities().stream()
                .anyMatch(authority -> ADMIN_AUTHORITY.equals(authority.getAuthority()));
        return new Caller(userId(authentication.getToken().getSubject()), admin);
    }

    static long userId(String subject) {
        if (subject == null || subject.isEmpty() || subject.length() > 18 || !subject.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidBearerTokenException("the token's sub must be a positive decimal integer");
        }
        long id = Long.parseLong(subject);
        if (id <= 0) {
            throw new InvalidBearerTokenException("the token's sub must be a positive decimal integer");
        }
        return id;
    }
}
