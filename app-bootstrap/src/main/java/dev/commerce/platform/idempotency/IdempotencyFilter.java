package dev.commerce.platform.idempotency;

import dev.commerce.platform.idempotency.IdempotencyGate.Decision;
import dev.commerce.platform.idempotency.IdempotencyGate.InProgress;
import dev.commerce.platform.idempotency.IdempotencyGate.Proceed;
import dev.commerce.platform.idempotency.IdempotencyGate.Replay;
import dev.commerce.platform.idempotency.IdempotencyGate.Reused;
import dev.commerce.platform.idempotency.IdempotencyGate.Ticket;
import dev.commerce.platform.security.ProblemResponses;
import dev.commerce.shared.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The {@code Idempotency-Key} of every POST under {@code /api/v1} whose module does not keep its
 * own keys ({@link IdempotentEndpoints}); the rules are the payment module's (API.md): a retry with
 * the key gets the first response again (status, body, {@code Content-Type}, {@code Location}) with
 * {@code Idempotent-Replayed: true}; the same key with another method, path or body is 422
 * {@code IDEMPOTENCY_KEY_REUSED}; while the first request runs, 409
 * {@code IDEMPOTENCY_REQUEST_IN_PROGRESS} with {@code Retry-After}; a malformed key is 400
 * {@code IDEMPOTENCY_KEY_INVALID}. Keys belong to the caller: they are claimed per user id.
 *
 * <p>Not a component: it belongs in the security filter chain after authorization, where the
 * {@link Caller} is known and a refused request (401, 403, 429) never claims a key. A request
 * without the header, or without a caller, passes untouched and costs nothing. With the header the
 * body is read once (it is at most {@code commerce.web.max-request-body}) and handed on, and the
 * response is buffered so that it is recorded before the client sees it. See
 * {@link IdempotencyGate} for what is recorded and for the crash window.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    /** The request attribute under which authentication leaves the {@link Caller}. */
    public static final String CALLER_ATTRIBUTE = Caller.class.getName();

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyGate gate;

    public IdempotencyFilter(IdempotencyGate gate) {
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(IdempotentEndpoints.HEADER);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (key == null || !IdempotentEndpoints.covers(request.getMethod(), path)
                || !(request.getAttribute(CALLER_ATTRIBUTE) instanceof Caller caller)) {
            chain.doFilter(request, response);
            return;
        }
        String problem = IdempotentEndpoints.problemWith(key);
        if (problem != null) {
            ProblemResponses.write(response, 400, IdempotencyErrorCode.IDEMPOTENCY_KEY_INVALID, problem);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (IOException e) {
            // a body past the size limit, or a broken connection: the controller meets the same failure
            // where it reads the body and answers it as it always does; nothing was claimed
            chain.doFilter(new FailingBodyRequest(request, e), response);
            return;
        }
        String target = request.getQueryString() == null ? path : path + "?" + request.getQueryString();
        String fingerprint = RequestFingerprint.of(request.getMethod(), target, body);
        Decision decision = gate.begin(caller.userId(), key, fingerprint, request.getMethod(), target);
        switch (decision) {
            case Proceed proceed -> run(new BufferedBodyRequest(request, body), response, chain, proceed.ticket());
            case Replay replay -> replay(response, replay.response());
            case Reused reused -> ProblemResponses.write(response, 422, IdempotencyErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for another request (another method, path or body).");
            case InProgress inProgress -> {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, inProgress.retryAfter().toSeconds())));
                ProblemResponses.write(response, 409, IdempotencyErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS,
                        "A request with this Idempotency-Key is still in progress; retry later.");
            }
        }
    }

    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Ticket ticket)
            throws ServletException, IOException {
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, buffered);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            release(ticket);
            throw e;
        }
        StoredResponse outcome = new StoredResponse(buffered.getStatus(), buffered.getContentType(),
                buffered.getHeader(HttpHeaders.LOCATION), buffered.getContentAsByteArray());
        try {
            gate.finish(ticket, outcome);
        } catch (RuntimeException e) {
            // the change is made; the answer still goes out. The key stays in progress until its lease
            // ends, and a retry after that runs again (the crash window of IdempotencyGate)
            log.warn("Could not record the response of Idempotency-Key {} of user {}; a retry after the lease runs again",
                    ticket.key(), ticket.userId(), e);
        }
        buffered.copyBodyToResponse();
    }

    private void release(Ticket ticket) {
        try {
            gate.abandon(ticket);
        } catch (RuntimeException e) {
            log.warn("Could not release Idempotency-Key {} of user {}; it is free again after its lease",
                    ticket.key(), ticket.userId(), e);
        }
    }

    private static void replay(HttpServletResponse response, StoredResponse stored) throws IOException {
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        response.setHeader(IdempotentEndpoints.REPLAYED_HEADER, "true");
        response.setContentLength(stored.body().length);
        response.getOutputStream().write(stored.body());
        response.flushBuffer();
    }

    /** The request with its body read once already: handed on from memory. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    /** The request whose body could not be read: reading it again fails the same way. */
    private static final class FailingBodyRequest extends HttpServletRequestWrapper {

        private final IOException failure;

        FailingBodyRequest(HttpServletRequest request, IOException failure) {
            super(request);
            this.failure = failure;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            throw failure;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            throw failure;
        }
    }
}
