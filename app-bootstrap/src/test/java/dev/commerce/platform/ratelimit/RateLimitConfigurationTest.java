package dev.commerce.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/** The settings, their defaults and checks, and the beans they make (no Redis needed: nothing is asked of it). */
class RateLimitConfigurationTest {

    private static RedissonClient redisson;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(RateLimitConfiguration.class)
            .withBean(RedissonClient.class, () -> redisson)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @BeforeAll
    static void aClientThatConnectsOnlyWhenUsed() {
        Config config = new Config().setLazyInitialization(true);
        config.useSingleServer().setAddress("redis://127.0.0.1:1");
        redisson = Redisson.create(config);
    }

    @AfterAll
    static void shutdown() {
        redisson.shutdown();
    }

    @Test
    void the_defaults_let_a_buyer_through_and_slow_a_script_to_five_coupon_issues_a_second() {
        context.run(app -> {
            RateLimitProperties properties = app.getBean(RateLimitProperties.class);
            assertThat(properties.enabled()).isTrue();
            assertThat(properties.couponIssue().permits()).isEqualTo(20);
            assertThat(properties.couponIssue().window()).isEqualTo(Duration.ofSeconds(4));
            assertThat(properties.checkout().permits()).isEqualTo(200);
            assertThat(properties.checkout().window()).isEqualTo(Duration.ofSeconds(4));
            assertThat(properties.anonymous().permits()).isEqualTo(300);
            assertThat(properties.anonymous().window()).isEqualTo(Duration.ofSeconds(3));
            assertThat(properties.timeout()).isEqualTo(Duration.ofMillis(250));
            assertThat(properties.outagePause()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.keepAlive()).isEqualTo(Duration.ofMinutes(10));
        });
    }

    @Test
    void each_limit_can_be_configured() {
        context.withPropertyValues("commerce.rate-limit.coupon-issue.permits=7",
                        "commerce.rate-limit.checkout.window=10s", "commerce.rate-limit.anonymous.permits=50")
                .run(app -> {
                    RateLimitProperties properties = app.getBean(RateLimitProperties.class);
                    assertThat(properties.couponIssue().permits()).isEqualTo(7);
                    assertThat(properties.couponIssue().window()).isEqualTo(Duration.ofSeconds(4));
                    assertThat(properties.checkout().permits()).isEqualTo(200);
                    assertThat(properties.checkout().window()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(properties.anonymous().permits()).isEqualTo(50);
                });
    }

    @Test
    void the_filter_is_a_bean_for_the_security_chain_but_not_registered_in_the_servlet_container() {
        context.run(app -> {
            assertThat(app).hasSingleBean(RateLimitFilter.class).hasSingleBean(RateLimiter.class);
            FilterRegistrationBean<?> registration = app.getBean("rateLimitFilterRegistration", FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isSameAs(app.getBean(RateLimitFilter.class));
            assertThat(registration.isEnabled()).isFalse();
        });
    }

    @Test
    void nothing_exists_when_disabled() {
        context.withPropertyValues("commerce.rate-limit.enabled=false").run(app -> {
            assertThat(app).hasNotFailed();
            assertThat(app).doesNotHaveBean(RateLimitFilter.class).doesNotHaveBean(RateLimiter.class)
                    .doesNotHaveBean(RateLimitProperties.class);
        });
    }

    @Test
    void a_budget_of_no_requests_is_refused_at_startup() {
        context.withPropertyValues("commerce.rate-limit.coupon-issue.permits=0")
                .run(app -> assertThat(app.getStartupFailure()).rootCause().hasMessageContaining("permits"));
    }

    @Test
    void a_zero_window_is_refused_at_startup() {
        context.withPropertyValues("commerce.rate-limit.checkout.window=0s")
                .run(app -> assertThat(app.getStartupFailure()).rootCause()
                        .hasMessageContaining("commerce.rate-limit.checkout.window must be positive"));
    }

    @Test
    void a_keep_alive_shorter_than_a_window_is_refused_at_startup() {
        context.withPropertyValues("commerce.rate-limit.anonymous.window=1m", "commerce.rate-limit.keep-alive=30s")
                .run(app -> assertThat(app.getStartupFailure()).rootCause().hasMessageContaining("keep-alive"));
    }

    @Test
    void a_zero_timeout_is_refused_at_startup() {
        context.withPropertyValues("commerce.rate-limit.timeout=0ms")
                .run(app -> assertThat(app.getStartupFailure()).rootCause()
                        .hasMessageContaining("commerce.rate-limit.timeout must be positive"));
    }
}
