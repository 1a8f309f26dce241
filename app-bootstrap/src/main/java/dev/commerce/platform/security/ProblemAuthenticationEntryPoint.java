package dev.commerce.platform.security;

import dev.commerce.shared.CommonErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 {@code UNAUTHENTICATED}: no token, or a malformed, expired or wrongly signed one. Spring
 * Security's bearer entry point sets {@code WWW-Authenticate: Bearer ...} (RFC 6750); this adds
 * the problem body every error of the API has.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        bearer.commence(request, response, exception);
        String detail = request.getHeader("Authorization") == null
                ? "This call needs a bearer token (Authorization: Bearer <JWT>)."
                : "The bearer token is not valid: malformed, expired, wrongly signed, or without a positive integer sub.";
        ProblemResponses.write(response, HttpServletResponse.SC_UNAUTHORIZED, CommonErrorCode.UNAUTHENTICATED, detail);
    }
}
