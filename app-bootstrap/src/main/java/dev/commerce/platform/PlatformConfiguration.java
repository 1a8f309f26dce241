package dev.commerce.platform;

import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * What every module may rely on: one clock, scheduling for the background sweeps, and asynchronous
 * module event listeners ({@code @ApplicationModuleListener} runs after the commit, off the request thread).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableAsync
class PlatformConfiguration {

    /** Millisecond ticks: what PostgreSQL stores (microseconds) then reads back unchanged. */
    @Bean
    Clock clock() {
        return Clock.tickMillis(ZoneOffset.UTC);
    }
}
