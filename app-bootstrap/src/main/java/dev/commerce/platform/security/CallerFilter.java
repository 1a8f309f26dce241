package dev.commerce.platform.security;

import dev.commerce.shared.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the verified caller on the request (attribute {@link #ATTRIBUTE}), right after the bearer
 * token was authenticated: the rate limiter and the controllers read it from there.
 */
public final class CallerFilter extends OncePerRequestFilter {

    /** The request attribute holding the {@link Caller}; absent for anonymous requests. */
    public static final String ATTRIBUTE = Caller.class.getName();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token && token.isAuthenticated()) {
            request.setAttribute(ATTRIBUTE, CallerTokenConverter.callerOf(token));
        }
        chain.doFilter(request, response);
    }
}
