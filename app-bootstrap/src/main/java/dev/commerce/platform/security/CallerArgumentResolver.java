package dev.commerce.platform.security;

import dev.commerce.shared.Caller;
import dev.commerce.shared.CommonErrorCode;
import dev.commerce.shared.DomainException;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** A controller parameter of type {@link Caller} receives the verified caller of the request. */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Object caller = request.getAttribute(CallerFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (caller instanceof Caller known) {
            return known;
        }
        // only reachable for a path the security rules let through anonymously by mistake
        throw new DomainException(CommonErrorCode.UNAUTHENTICATED, "This call needs a bearer token.");
    }
}
