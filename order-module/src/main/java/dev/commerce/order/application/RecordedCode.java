package dev.commerce.order.application;

import dev.commerce.shared.ErrorCategory;
import dev.commerce.shared.ErrorCode;

/** A code read back from a recorded refusal, answered again exactly as first reported. */
record RecordedCode(String name, ErrorCategory category) implements ErrorCode {
}
