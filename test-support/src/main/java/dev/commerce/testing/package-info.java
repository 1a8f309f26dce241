/** Helpers the module tests share; a test-scope dependency of the domain modules, never of the application. */
package dev.commerce.testing;
