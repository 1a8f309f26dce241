package dev.commerce.platform.web;

import dev.commerce.shared.CommonErrorCode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last word on an error no application code answered: a request Tomcat itself refused
 * before any servlet saw it (for example a {@code %00} or a {@code %2F} in the path, which
 * it rejects as an invalid URI) would otherwise get Tomcat's HTML error page. This valve writes
 * the same RFC 9457 problem, with a {@code code}, that the application writes for its own errors,
 * and never a stack trace or server details.
 */
public class ProblemJsonErrorReportValve extends ErrorReportValve {

    public ProblemJsonErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // as the parent: only errors, only if nothing was written yet, and only once
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        CommonErrorCode code = code(status);
        // the same type URNs as ProblemDetailsAdvice
        String type = "urn:problem-type:commerce:" + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
        String body = "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail(status) + "\",\"code\":\"" + code.name() + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body: nothing more to do
        }
    }

    static CommonErrorCode code(int status) {
        return switch (status) {
            case 404 -> CommonErrorCode.NOT_FOUND;
            case 405 -> CommonErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> CommonErrorCode.NOT_ACCEPTABLE;
            case 413 -> CommonErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> CommonErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> CommonErrorCode.SERVICE_UNAVAILABLE;
            default -> status < 500 ? CommonErrorCode.INVALID_REQUEST : CommonErrorCode.INTERNAL_ERROR;
        };
    }

    private static String detail(int status) {
        return status < 500 ? "The request was refused before it reached the service: check its URL, headers and body."
                : "The server could not answer the request.";
    }
}
