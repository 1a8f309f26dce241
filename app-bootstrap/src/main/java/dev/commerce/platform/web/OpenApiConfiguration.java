package dev.commerce.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description says how to call it: a bearer token (JWT) on every call under /api/v1. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI commerceOpenApi() {
        return new OpenAPI()
                .info(new Info().title("commerce").version("v1")
                        .description("Inventory, payments, coupons and checkout that stay exact under concurrency. "
                                + "Every call under /api/v1 carries Authorization: Bearer <JWT>; sub is the user id, "
                                + "scope admin marks administrators."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
