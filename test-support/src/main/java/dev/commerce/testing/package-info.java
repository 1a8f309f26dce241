/** Helpers the tests share: a test-scope dependency of the domain modules and of the application's full-stack tests, never of production code. */
package dev.commerce.testing;
