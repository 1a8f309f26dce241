package dev.commerce.platform.security;

import dev.commerce.shared.CommonErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 {@code FORBIDDEN}: a valid token without the {@code admin} scope on an administrator-only call. */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        bearer.handle(request, response, exception);
        ProblemResponses.write(response, HttpServletResponse.SC_FORBIDDEN, CommonErrorCode.FORBIDDEN,
                "This call is for administrators (scope admin).");
    }
}
