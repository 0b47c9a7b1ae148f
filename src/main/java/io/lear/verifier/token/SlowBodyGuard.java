package io.lear.verifier.token;

import io.lear.verifier.config.VerifierConfig;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Keeps a stranger from holding request threads with a body sent a byte at a time (a slow POST): a token request
 * whose body has not fully arrived is collected with non-blocking reads — no thread waits while bytes trickle in —
 * against a deadline ({@code verifier.token.body-timeout}); then the request goes on to {@link TokenResource} with
 * its body in memory. A body that misses the deadline, is too large or breaks off reaches the resource as a failing
 * stream, so the one error path answers it (400 {@code malformed_request} / {@code request_too_large}), and the
 * connection is closed rather than drained. A body that is already buffered when the request arrives (any normal
 * client) passes straight through, at no cost.
 */
@WebFilter(urlPatterns = VerifierConfig.TOKEN_PATH, asyncSupported = true, dispatcherTypes = DispatcherType.REQUEST)
public class SlowBodyGuard implements Filter {
    @Inject
    VerifierConfig config;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) req;
        if (!"POST".equals(http.getMethod()) || alreadyArrived(http)) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        CollectedBodyRequest collected = new CollectedBodyRequest(http);
        AsyncContext async = http.startAsync(collected, response);
        async.setTimeout(config.tokenBodyTimeout().toMillis());
        Once resume = new Once(async, collected, response);
        async.addListener(resume);
        ServletInputStream in = http.getInputStream();
        in.setReadListener(new BodyCollector(in, TokenRequest.MAX_BODY_BYTES, resume::withBody, e -> resume.failed()));
    }

    /** A declared length that is all buffered already: no read will wait. */
    private static boolean alreadyArrived(HttpServletRequest http) throws IOException {
        long length = http.getContentLengthLong();
        return length >= 0
                && length <= TokenRequest.MAX_BODY_BYTES
                && http.getInputStream().available() >= length;
    }

    /** Hands the request on exactly once: with its body, or failed (deadline, read error). */
    private static final class Once implements AsyncListener {
        private final AsyncContext async;
        private final CollectedBodyRequest request;
        private final HttpServletResponse response;
        private boolean dispatched;

        Once(AsyncContext async, CollectedBodyRequest request, HttpServletResponse response) {
            this.async = async;
            this.request = request;
            this.response = response;
        }

        synchronized void withBody(byte[] body) {
            if (!dispatched) {
                dispatched = true;
                if (body.length > TokenRequest.MAX_BODY_BYTES) {
                    response.setHeader("Connection", "close"); // the rest is never read
                }
                request.body(body);
                async.dispatch();
            }
        }

        synchronized void failed() {
            if (!dispatched) {
                dispatched = true;
                response.setHeader("Connection", "close");
                async.dispatch();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            failed();
        }

        @Override
        public void onError(AsyncEvent event) {
            failed();
        }

        @Override
        public void onComplete(AsyncEvent event) {}

        @Override
        public void onStartAsync(AsyncEvent event) {}
    }
}
