package dev.commerce;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The commerce service: inventory, payment and coupon modules in one deployable application.
 * PostgreSQL and Redis are resolved before start-up by the infra module (configuration, then
 * Testcontainers, then embedded servers).
 */
@SpringBootApplication
public class CommerceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommerceApplication.class, args);
    }
}
