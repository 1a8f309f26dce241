package dev.commerce.coupon.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

class CouponPropertiesTest {

    @Test
    void the_hand_over_limit_defaults_to_32() {
        assertThat(bind(new MapPropertySource("none", Map.of())).lock().handoverLimit()).isEqualTo(32);
    }

    @Test
    void the_hand_over_limit_binds_from_its_environment_variable() {
        PropertySource<?> environment = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("COMMERCE_COUPON_LOCK_HANDOVERLIMIT", "1"));

        assertThat(bind(environment).lock().handoverLimit()).isEqualTo(1);
    }

    @Test
    void a_hand_over_limit_below_one_is_refused() {
        PropertySource<?> properties = new MapPropertySource("test",
                Map.of("commerce.coupon.lock.handover-limit", "0"));

        assertThatThrownBy(() -> bind(properties)).isInstanceOf(BindException.class)
                .hasStackTraceContaining("handoverLimit");
    }

    private static CouponProperties bind(PropertySource<?> source) {
        Binder binder = new Binder(ConfigurationPropertySources.from(source));
        try (var factory = Validation.buildDefaultValidatorFactory()) {
            return binder.bindOrCreate("commerce.coupon", Bindable.of(CouponProperties.class),
                    new ValidationBindHandler(new SpringValidatorAdapter(factory.getValidator())));
        }
    }
}
