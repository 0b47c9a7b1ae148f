package io.lear.verifier.token;

import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.error.Reason;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collects a token request body that is not all there yet without a request thread waiting for it (a stranger
 * trickling bytes would otherwise hold one per connection for as long as he likes, every byte resetting the read
 * timeout): by Servlet non-blocking reads against {@code verifier.token.body-timeout}, then dispatches the request
 * again with the body — or why it could not be had — so that {@link TokenResource} always decides synchronously
 * inside a container dispatch. A body already there, as nearly every client's is, passes straight through.
 *
 * <p>Why here and not in the resource: a JAX-RS asynchronous response resumed after a Servlet read callback found
 * Liberty's dispatch context gone ({@code RESTEASY002020}, a NullPointerException in the web container) and the
 * client got an empty 200; an asynchronous dispatch is the Servlet specification's own way back to the resource.
 */
@WebFilter(
        urlPatterns = VerifierConfig.TOKEN_PATH,
        asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC})
public class TokenBodyFilter implements Filter {
    /** The request attribute carrying the {@link Collected} body to the resource. */
    static final String ATTRIBUTE = "io.lear.verifier.token.collectedBody";
    /** How long past the body's own deadline the container's timeout waits, in case the deadline thread died. */
    private static final long BACKSTOP_MILLIS = TimeUnit.SECONDS.toMillis(30);

    static final String UNREADABLE = "request body could not be read";

    /** Runs {@code expire} after {@code millis} unless the returned action, cancelling it, runs first. */
    interface Deadlines {
        Runnable schedule(long millis, Runnable expire);
    }

    /** A body collected in full (at most one byte over the limit), or the refusal it earned instead. */
    record Collected(byte[] body, Reason refusal, String description) {
        static Collected of(byte[] body) {
            return new Collected(body, null, null);
        }

        static Collected refused(Reason reason, String description) {
            return new Collected(new byte[0], reason, description);
        }
    }

    private long bodyTimeoutMillis;
    private Deadlines deadlines;

    /** For the container, which then injects the configuration. */
    public TokenBodyFilter() {}

    /** With the deadlines kept otherwise (tests pass them by hand). */
    TokenBodyFilter(long bodyTimeoutMillis, Deadlines deadlines) {
        this.bodyTimeoutMillis = bodyTimeoutMillis;
        this.deadlines = deadlines;
    }

    @Inject
    void configure(VerifierConfig config) {
        this.bodyTimeoutMillis = config.tokenBodyTimeout().toMillis();
        this.deadlines = new BodyDeadlines();
    }

    @Override
    public void destroy() {
        if (deadlines instanceof BodyDeadlines owned) {
            owned.close();
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) req;
        if (http.getAttribute(ATTRIBUTE) instanceof Collected c) {
            chain.doFilter(new WithBody(http, c.body()), res);
        } else if (req.getDispatcherType() != DispatcherType.REQUEST || !"POST".equals(http.getMethod())) {
            chain.doFilter(req, res);
        } else {
            arrived(http, res, chain);
        }
    }

    /** Passes a body that is all there, or too large by its declaration (refused unread); collects any other. */
    private void arrived(HttpServletRequest http, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        long declared = http.getContentLengthLong();
        ServletInputStream in = http.getInputStream();
        boolean allThere;
        try {
            allThere = declared > TokenRequest.MAX_BODY_BYTES || declared >= 0 && in.available() >= declared;
        } catch (IOException e) {
            http.setAttribute(ATTRIBUTE, Collected.refused(Reason.MALFORMED_REQUEST, UNREADABLE));
            allThere = true;
        }
        if (allThere) {
            chain.doFilter(http, res);
        } else {
            collect(http, res, in);
        }
    }

    private void collect(HttpServletRequest http, ServletResponse res, ServletInputStream in) {
        AsyncContext async = http.startAsync(http, res);
        DispatchHandoff handoff = new DispatchHandoff(async::dispatch, deadlines);
        AtomicReference<Runnable> cancelDeadline = new AtomicReference<>(() -> {});
        BodyCollector collector = new BodyCollector(
                in,
                TokenRequest.MAX_BODY_BYTES,
                body -> {
                    cancelDeadline.get().run();
                    settle(handoff, http, Collected.of(body));
                },
                failure -> settle(
                        handoff,
                        http,
                        failure instanceof BodyCollector.BodyTimeout
                                ? Collected.refused(Reason.MALFORMED_REQUEST, notInTime())
                                : Collected.refused(Reason.MALFORMED_REQUEST, UNREADABLE)));
        async.setTimeout(bodyTimeoutMillis + BACKSTOP_MILLIS);
        async.addListener(new ExpireOnTimeout(collector));
        cancelDeadline.set(deadlines.schedule(bodyTimeoutMillis, collector::expire));
        in.setReadListener(collector);
        handoff.firstReturning();
    }

    private static void settle(DispatchHandoff handoff, HttpServletRequest http, Collected collected) {
        http.setAttribute(ATTRIBUTE, collected);
        handoff.outcomeReady();
    }

    private String notInTime() {
        return "request body did not arrive within " + bodyTimeoutMillis / 1000 + " s";
    }

    /** The container's own timeout refuses the body too, should the deadline thread never have run. */
    private record ExpireOnTimeout(BodyCollector collector) implements AsyncListener {
        @Override
        public void onTimeout(AsyncEvent event) {
            collector.expire();
        }

        @Override
        public void onComplete(AsyncEvent event) {}

        @Override
        public void onError(AsyncEvent event) {}

        @Override
        public void onStartAsync(AsyncEvent event) {}
    }

    /**
     * The request as dispatched again: its body is the collected bytes (none for a refusal), so that no runtime
     * reads the original stream, which is in non-blocking mode.
     */
    static final class WithBody extends HttpServletRequestWrapper {
        private final int length;
        private final ServletInputStream stream;

        WithBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.length = body.length;
            this.stream = over(new ByteArrayInputStream(body));
        }

        @Override
        public ServletInputStream getInputStream() {
            return stream;
        }

        private static ServletInputStream over(ByteArrayInputStream bytes) {
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the collected body is read in one go");
                }

                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return bytes.read(b, off, len);
                }
            };
        }

        @Override
        public long getContentLengthLong() {
            return length;
        }

        @Override
        public int getContentLength() {
            return length;
        }
    }
}
