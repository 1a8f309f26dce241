package dev.commerce.platform.security;

import java.util.List;
import dev.commerce.platform.idempotency.IdempotencyFilter;
import dev.commerce.platform.ratelimit.RateLimitFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The rules of "Who is calling" (API.md): every call under {@code /api/v1} carries a bearer
 * token; administrator-only calls need the {@code admin} scope; metrics are for administrators,
 * or open on a separate management port; health, the API description and the local token issuer
 * (local mode only) are open. Stateless: no session, no cookie, so no CSRF to guard against.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String ADMIN = CallerTokenConverter.ADMIN_AUTHORITY;

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, Environment environment,
            ObjectProvider<RateLimitFilter> rateLimit, ObjectProvider<IdempotencyFilter> idempotency) throws Exception {
        ProblemAuthenticationEntryPoint unauthenticated = new ProblemAuthenticationEntryPoint();
        ProblemAccessDeniedHandler forbidden = new ProblemAccessDeniedHandler();
        // the ports the servers really listen on (a configured 0 is a random port), read when asked
        RequestMatcher onManagementPort = request -> {
            Integer management = environment.getProperty("local.management.port", Integer.class);
            return management != null && management > 0
                    && !management.equals(environment.getProperty("local.server.port", Integer.class))
                    && request.getLocalPort() == management;
        };

        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.PUT, "/api/v1/products/*/stock", "/api/v1/products/*/price")
                        .hasAuthority(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/coupons", "/api/v1/payments",
                                "/api/v1/reservations/*/confirm")
                        .hasAuthority(ADMIN)
                        .requestMatchers("/api/**").authenticated()
                        .requestMatchers(onManagementPort).permitAll()
                        .requestMatchers("/actuator/prometheus", "/actuator/prometheus/**").hasAuthority(ADMIN)
                        .anyRequest().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new CallerTokenConverter()))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .addFilterAfter(new CallerFilter(), BearerTokenAuthenticationFilter.class);
        // the rate limit (when enabled) reads the caller, and runs before authorization so that
        // anonymous calls to the hot endpoints are limited by address too
        rateLimit.ifAvailable(filter -> http.addFilterAfter(filter, CallerFilter.class));
        // idempotency keys (ADR 12) after authorization: a refused request (401, 403, 429) claims no key
        idempotency.ifAvailable(filter -> http.addFilterAfter(filter, AuthorizationFilter.class));
        return http.build();
    }

    /**
     * Spring Security's firewall, less its header-value check: a header such as an
     * {@code Idempotency-Key} with non-ASCII bytes is the module's to refuse with its own code
     * ({@code IDEMPOTENCY_KEY_INVALID}), not a rejection that surfaces as a 500. Every other
     * check of the strict firewall (path traversal, encoded slashes, methods) stays.
     */
    @Bean
    WebSecurityCustomizer headerValuesReachTheModules() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(value -> true);
        return web -> web.httpFirewall(firewall);
    }

    @Bean
    WebMvcConfigurer callerArguments() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
