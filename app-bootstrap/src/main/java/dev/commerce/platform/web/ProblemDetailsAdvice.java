package dev.commerce.platform.web;

import dev.commerce.shared.CommonErrorCode;
import dev.commerce.shared.DomainException;
import dev.commerce.shared.ErrorCategory;
import dev.commerce.shared.ErrorCode;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps every failure to an RFC 9457 problem detail with a stable {@code code}: each module's
 * {@link DomainException} by its category, Spring MVC's own exceptions (malformed JSON, unknown
 * path, wrong method or media type) by their status, and anything unexpected to a 500 that
 * carries no internals.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(1);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> handleDomain(DomainException exception) {
        HttpHeaders headers = new HttpHeaders();
        exception.retryAfter().ifPresent(retryAfter -> headers.set(HttpHeaders.RETRY_AFTER, seconds(retryAfter)));
        return problem(exception.code(), exception.getMessage(), headers);
    }

    /** A header or URL the security firewall refused when it was read: malformed input, not a fault. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> handleRejected(RequestRejectedException exception) {
        return problem(CommonErrorCode.INVALID_REQUEST, "The request has a malformed header or URL.", new HttpHeaders());
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> handleConstraintViolation(ConstraintViolationException exception) {
        return problem(CommonErrorCode.INVALID_REQUEST, exception.getMessage(), new HttpHeaders());
    }

    /** The database is unreachable: fail fast with a problem the client may retry. */
    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessResourceException.class})
    ResponseEntity<ProblemDetail> handleDatabaseDown(Exception exception) {
        log.warn("Database unavailable: {}", exception.getMessage());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, seconds(DATABASE_RETRY_AFTER));
        return problem(CommonErrorCode.SERVICE_UNAVAILABLE, "The database is unavailable; retry later.", headers);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception exception) {
        if (lostDatabaseConnection(exception)) {
            // e.g. "Unable to rollback against JDBC Connection": the connection died under a transaction
            return handleDatabaseDown(exception);
        }
        log.error("Unexpected failure", exception);
        return problem(CommonErrorCode.INTERNAL_ERROR, "An unexpected error occurred.", new HttpHeaders());
    }

    /**
     * A connection failure (SQLState class 08), a server shutting down (57P01-57P03) or a pooled
     * connection closed after such a failure, anywhere in the causes: however Spring or Hibernate
     * wrapped it (a failed rollback hides the original error), the database went away mid-request.
     */
    static boolean lostDatabaseConnection(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && (connectionState(sql.getSQLState())
                    // Hikari's proxy after it evicted a connection that failed fatally (08xxx, 57P01)
                    || sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean connectionState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.matches("57P0[123]"));
    }

    /** A chunked body that grew past the limit surfaces as unreadable JSON: report it as what it is. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimitFilter.BodyTooLargeException tooLarge) {
                HttpHeaders close = new HttpHeaders();
                close.set(HttpHeaders.CONNECTION, "close");
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).headers(close)
                        .body(problem(HttpStatus.CONTENT_TOO_LARGE, CommonErrorCode.PAYLOAD_TOO_LARGE,
                                tooLarge.getMessage(), close).getBody());
            }
        }
        return super.handleHttpMessageNotReadable(exception, headers, status, request);
    }

    /** Spring MVC's own exceptions arrive here with a problem body already made; add the code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception exception, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : exception instanceof ErrorResponse errorResponse ? errorResponse.getBody()
                : ProblemDetail.forStatusAndDetail(statusCode, "The request could not be processed.");
        ErrorCode code = codeFor(statusCode);
        decorate(problem, code);
        HttpHeaders merged = new HttpHeaders();
        if (headers != null) {
            merged.putAll(headers);
        }
        merged.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(statusCode).headers(merged).body(problem);
    }

    static ResponseEntity<ProblemDetail> problem(ErrorCode code, String detail, HttpHeaders headers) {
        return problem(statusOf(code.category()), code, detail, headers);
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, ErrorCode code, String detail, HttpHeaders headers) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        decorate(problem, code);
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    private static void decorate(ProblemDetail problem, ErrorCode code) {
        problem.setType(URI.create("urn:problem-type:commerce:" + code.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(title(code));
        problem.setProperty("code", code.name());
    }

    static HttpStatus statusOf(ErrorCategory category) {
        return switch (category) {
            case INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case CONFLICT -> HttpStatus.CONFLICT;
            case DECLINED -> HttpStatus.PAYMENT_REQUIRED;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case UPSTREAM_FAILED -> HttpStatus.BAD_GATEWAY;
            case UPSTREAM_TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    private static ErrorCode codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 401 -> CommonErrorCode.UNAUTHENTICATED;
            case 403 -> CommonErrorCode.FORBIDDEN;
            case 404 -> CommonErrorCode.NOT_FOUND;
            case 429 -> CommonErrorCode.RATE_LIMITED;
            case 405 -> CommonErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> CommonErrorCode.NOT_ACCEPTABLE;
            case 413 -> CommonErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> CommonErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> CommonErrorCode.SERVICE_UNAVAILABLE;
            default -> status.is4xxClientError() ? CommonErrorCode.INVALID_REQUEST : CommonErrorCode.INTERNAL_ERROR;
        };
    }

    /** "INSUFFICIENT_STOCK" reads as "Insufficient stock". */
    private static String title(ErrorCode code) {
        String words = code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String seconds(Duration duration) {
        return Long.toString(Math.max(1, (duration.toMillis() + 999) / 1000));
    }
}
