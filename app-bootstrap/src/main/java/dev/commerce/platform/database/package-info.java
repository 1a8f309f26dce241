/** The application's connection pool, made to fail fast while PostgreSQL is unreachable. */
package dev.commerce.platform.database;
