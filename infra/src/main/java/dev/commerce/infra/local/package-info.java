/**
 * Local infrastructure: finds the PostgreSQL and Redis the application talks to, in a fixed order
 * (configuration, then Testcontainers when a Docker engine answers, then embedded servers started
 * in-process), so that the service runs and its full-stack tests run on a machine with only a JDK.
 */
package dev.commerce.infra.local;
