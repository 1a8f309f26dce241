/**
 * The shared kernel: the few value types every module may use, chiefly the error model that lets
 * each module report failures with a stable, machine-readable code.
 */
package dev.commerce.shared;
