package dev.commerce.platform.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/** The web edge: the request body limit, ahead of everything else, and strict JSON types. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebProperties.class)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebProperties properties) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties.maxRequestBody()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /**
     * Errors Tomcat answers by itself (an invalid URI, say) get a problem+json body instead of
     * Tomcat's HTML page: this valve is the host's error report valve, placed innermost so that
     * it answers first (Spring Boot adds its own, plain one, which then finds the error reported).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemJsonErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemJsonErrorReportValve.class.getName());
                host.getPipeline().addValve(new ProblemJsonErrorReportValve());
            }
        });
    }

    /**
     * A JSON value of the wrong type is a malformed request, not a value to convert: {@code "100"}
     * is not a number and {@code 123}, {@code 1.5} or {@code true} is not a string (API.md: numbers
     * are JSON integers), and neither is {@code ""} (Jackson reads it as null for a boxed number, so an
     * optional number sent as {@code ""} would silently take its default). Jackson would otherwise
     * coerce them and the request would succeed.
     * A name given twice in one object ({@code {"onHand": 1, "onHand": 2}}) is refused too,
     * rather than letting the last one silently win.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJsonScalarTypes() {
        return builder -> builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
