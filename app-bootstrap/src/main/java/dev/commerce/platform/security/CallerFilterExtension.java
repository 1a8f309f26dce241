package dev.commerce.platform.security;

import jakarta.servlet.Filter;

/**
 * A filter that runs in the security chain right after the caller is known (the rate limiter):
 * it may read the {@link dev.commerce.shared.Caller} from the request attribute
 * {@link CallerFilter#ATTRIBUTE}. Declared as a bean of this type, not as a {@link Filter} bean,
 * so that the servlet container does not also run it outside the chain.
 */
public interface CallerFilterExtension {

    Filter filter();
}
