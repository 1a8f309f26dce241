package dev.commerce.platform.security;

import dev.commerce.shared.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem+json body from a servlet filter, where the MVC advice cannot reach: the same
 * shape ({@code type}, {@code title}, {@code status}, {@code detail}, {@code code}) as every other
 * error of the API.
 */
public final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    /** Sets the status and writes the problem; headers set before (WWW-Authenticate, Retry-After) stay. */
    public static void write(HttpServletResponse response, int status, ErrorCode code, String detail)
            throws IOException {
        String name = code.name().toLowerCase(Locale.ROOT);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:problem-type:commerce:" + name.replace('_', '-'));
        problem.put("title", Character.toUpperCase(name.charAt(0)) + name.substring(1).replace('_', ' '));
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("code", code.name());
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(problem));
        response.flushBuffer();
    }
}
