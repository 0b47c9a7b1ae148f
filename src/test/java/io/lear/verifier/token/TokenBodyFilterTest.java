package io.lear.verifier.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestVerifier;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a token request gets its body: passed straight on when it is all there, collected without a thread when it is
 * not and then dispatched again, refused with {@code Connection: close} when late, broken or oversized (profile
 * §15; issue: slow bodies). The container parts are small fakes; the decision behind them is the real verifier.
 */
class TokenBodyFilterTest {
    private static final String FORM = "application/x-www-form-urlencoded";
    private TestVerifier v;
    private TokenResource resource;
    private final Deadlines deadlines = new Deadlines();
    private final TokenBodyFilter filter = new TokenBodyFilter(5_000, deadlines);

    /** A body of which {@code arrived} bytes have come; the rest comes when the test says so. */
    private static final class Arriving extends ServletInputStream {
        final byte[] data;
        int pos;
        int arrived;
        ReadListener listener;
        boolean failOnAvailable;

        Arriving(byte[] data, int arrived) {
            this.data = data;
            this.arrived = arrived;
        }

        @Override
        public int available() throws IOException {
            if (failOnAvailable) {
                throw new IOException("reset");
            }
            return arrived - pos;
        }

        @Override
        public boolean isReady() {
            return pos < arrived;
        }

        @Override
        public boolean isFinished() {
            return pos == data.length;
        }

        @Override
        public int read() {
            return pos < arrived ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(len, arrived - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void setReadListener(ReadListener l) {
            listener = l;
        }

        void arriveAll() throws IOException {
            arrived = data.length;
            listener.onDataAvailable();
            listener.onAllDataRead();
        }
    }

    /** The timers the filter asked for (body deadlines, grace periods); the test decides when they pass. */
    private static final class Deadlines implements TokenBodyFilter.Deadlines {
        final List<Long> scheduledMillis = new ArrayList<>();
        final List<Runnable> actions = new ArrayList<>();
        boolean cancelled;

        @Override
        public Runnable schedule(long millis, Runnable action) {
            scheduledMillis.add(millis);
            actions.add(action);
            return () -> cancelled = true;
        }

        /** The body deadline passes. */
        void pass() {
            run(5_000L);
        }

        /** The timer runs what it was given to do at once (DispatchHandoff's dispatches). */
        void timerRuns() {
            run(0L);
        }

        private void run(long millis) {
            for (int i = 0; i < actions.size(); i++) {
                if (scheduledMillis.get(i) == millis) {
                    actions.get(i).run();
                    if (millis == 0) {
                        actions.set(i, () -> {}); // a task runs once
                    }
                }
            }
        }
    }

    /**
     * One request through the container: its attributes, its asynchronous context if started, and what the
     * resource answered in each dispatch that reached it.
     */
    private final class Exchange {
        final Map<String, Object> attributes = new HashMap<>();
        final List<Long> timeoutsMillis = new ArrayList<>();
        final List<AsyncListener> listeners = new ArrayList<>();
        final List<TokenResource.Answer> answers = new ArrayList<>();
        final long contentLength;
        final String method;
        final Arriving in;
        int dispatches;
        boolean started;
        AsyncContext context;
        DispatcherType type = DispatcherType.REQUEST;

        Exchange(String method, long contentLength, Arriving in) {
            this.method = method;
            this.contentLength = contentLength;
            this.in = in;
            attributes.put("io.lear.verifier.requestId", "req-1");
        }

        Exchange(long contentLength, Arriving in) {
            this("POST", contentLength, in);
        }

        HttpServletRequest request() {
            return (HttpServletRequest) Proxy.newProxyInstance(
                    getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class},
                    (p, m, args) -> switch (m.getName()) {
                        case "getContentLengthLong" -> contentLength;
                        case "getInputStream" -> in;
                        case "getMethod" -> method;
                        case "getDispatcherType" -> type;
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        case "startAsync" -> {
                            started = true;
                            context = asyncContext();
                            yield context;
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }

        private AsyncContext asyncContext() {
            return (AsyncContext) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {AsyncContext.class}, (p, m, args) -> {
                        switch (m.getName()) {
                            case "setTimeout" -> timeoutsMillis.add((Long) args[0]);
                            case "addListener" -> listeners.add((AsyncListener) args[0]);
                            case "dispatch" -> dispatches++;
                            case "getRequest", "getResponse" -> {
                                return null; // an AsyncEvent asks; the listener never looks
                            }
                            default -> throw new UnsupportedOperationException(m.getName());
                        }
                        return null;
                    });
        }

        /** One dispatch of the request through the filter, to the resource if the filter passes it on. */
        void dispatch() throws Exception {
            filter.doFilter(request(), null, (req, res) -> answers.add(answer(req)));
        }

        /** The container's dispatch again, as {@code AsyncContext.dispatch()} asked for on the timer. */
        void dispatchAgain() throws Exception {
            deadlines.timerRuns();
            assertEquals(1, dispatches, "dispatched again exactly once");
            type = DispatcherType.ASYNC;
            dispatch();
        }

        TokenResource.Answer only() {
            assertEquals(1, answers.size(), "answered exactly once");
            return answers.get(0);
        }

        private TokenResource.Answer answer(ServletRequest req) throws IOException {
            HttpServletRequest http = (HttpServletRequest) req;
            return (TokenResource.Answer) resource.answer(headers(), http, http.getInputStream());
        }
    }

    @BeforeEach
    void setUp() {
        v = TestVerifier.create();
        resource = new TokenResource(v.tokens, new TokenAudit(), a -> a);
    }

    private static byte[] tokenForm(Scenario s) {
        return ("grant_type=client_credentials&client_assertion_type="
                        + URLEncoder.encode(TokenRequest.CLIENT_ASSERTION_TYPE_JWT_BEARER, StandardCharsets.UTF_8)
                        + "&client_assertion=" + s.assertion())
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static HttpHeaders headers() {
        return (HttpHeaders) Proxy.newProxyInstance(
                TokenBodyFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpHeaders.class},
                (p, m, args) -> switch (m.getName()) {
                    case "getHeaderString" -> HttpHeaders.CONTENT_TYPE.equals(args[0]) ? FORM : null;
                    case "getRequestHeader" -> null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static void assertGranted(TokenResource.Answer a) {
        assertNull(a.refusal(), () -> a.refusal().reason() + ": " + a.refusal().description());
        assertTrue(a.json().contains("\"access_token\""), a.json());
        assertFalse(a.close(), "a good client keeps its connection");
    }

    private static void assertRefusedAndClosed(TokenResource.Answer a, Reason reason, String description) {
        assertNotNull(a.refusal(), a.json());
        assertEquals(400, a.refusal().status());
        assertEquals("invalid_request", a.refusal().error().code());
        assertEquals(reason, a.refusal().reason());
        assertEquals(description, a.refusal().description());
        assertTrue(a.close(), "the rest of the body may still come: the connection is not reused");
    }

    @Test
    void aBodyThatIsAllThereIsPassedOnAndDecidedAtOnce() throws Exception {
        byte[] form = tokenForm(v.scenario());
        Exchange x = new Exchange(form.length, new Arriving(form, form.length));
        x.dispatch();
        assertGranted(x.only());
        assertFalse(x.started, "no asynchronous cycle for a body already received");
        assertNull(x.in.listener, "no non-blocking read");
        assertEquals(List.of(), deadlines.scheduledMillis);
    }

    @Test
    void aBodyStillOnItsWayIsCollectedAgainstTheDeadlineThenDecidedInTheNextDispatch() throws Exception {
        byte[] form = tokenForm(v.scenario());
        Exchange x = new Exchange(form.length, new Arriving(form, 10));
        x.dispatch();
        assertEquals(List.of(), x.answers, "nothing decided before the body is in");
        assertTrue(x.started);
        assertNotNull(x.in.listener);
        assertEquals(List.of(5_000L), deadlines.scheduledMillis, "verifier.token.body-timeout");
        assertEquals(List.of(35_000L), x.timeoutsMillis, "the container's backstop: 30 s past the deadline");
        assertEquals(0, x.dispatches);
        x.in.arriveAll();
        assertTrue(deadlines.cancelled, "a body in time cancels its deadline");
        assertEquals(0, x.dispatches, "dispatched on the timer, not on the read callback's thread");
        x.dispatchAgain();
        assertGranted(x.only());
        deadlines.pass();
        assertEquals(1, x.dispatches, "a deadline passing after the body came dispatches nothing");
    }

    @Test
    void theNextDispatchReadsTheCollectedBodyFromItsOwnStreamNotTheOriginal() throws Exception {
        byte[] form = tokenForm(v.scenario());
        Exchange x = new Exchange(form.length, new Arriving(form, 10));
        x.dispatch();
        x.in.arriveAll();
        x.type = DispatcherType.ASYNC;
        List<ServletRequest> passed = new ArrayList<>();
        filter.doFilter(x.request(), null, (req, res) -> passed.add(req));
        HttpServletRequest again = (HttpServletRequest) passed.get(0);
        assertEquals(form.length, again.getContentLengthLong());
        assertEquals(form.length, again.getContentLength());
        ServletInputStream body = again.getInputStream();
        assertSame(body, again.getInputStream(), "one stream per request");
        assertTrue(body.isReady());
        assertFalse(body.isFinished());
        assertEquals(form[0], body.read());
        assertArrayEquals(Arrays.copyOfRange(form, 1, form.length), body.readAllBytes());
        assertTrue(body.isFinished());
    }

    private static void assertArrayEquals(byte[] expected, byte[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
    }

    @Test
    void aChunkedBodyOfUnknownLengthIsCollectedToo() throws Exception {
        byte[] form = tokenForm(v.scenario());
        Exchange x = new Exchange(-1, new Arriving(form, form.length));
        x.dispatch();
        assertTrue(x.started, "without a length no body is known to be all there");
        x.in.arriveAll();
        x.dispatchAgain();
        assertGranted(x.only());
    }

    @Test
    void aBodyNotInByTheDeadlineIsRefusedAndItsConnectionClosed() throws Exception {
        byte[] form = tokenForm(v.scenario());
        Exchange x = new Exchange(form.length, new Arriving(form, 10));
        x.dispatch();
        deadlines.pass();
        x.in.arriveAll();
        x.dispatchAgain();
        assertRefusedAndClosed(x.only(), Reason.MALFORMED_REQUEST, "request body did not arrive within 5 s");
    }

    @Test
    void theContainersTimeoutRefusesTheBodyShouldTheDeadlineNeverRun() throws Exception {
        byte[] form = tokenForm(v.scenario());
        Exchange x = new Exchange(form.length, new Arriving(form, 10));
        x.dispatch();
        assertEquals(1, x.listeners.size());
        AsyncEvent event = new AsyncEvent(x.context);
        x.listeners.get(0).onStartAsync(event);
        x.listeners.get(0).onError(event);
        x.listeners.get(0).onComplete(event);
        assertEquals(0, x.dispatches, "only a timeout refuses");
        x.listeners.get(0).onTimeout(event);
        x.dispatchAgain();
        assertRefusedAndClosed(x.only(), Reason.MALFORMED_REQUEST, "request body did not arrive within 5 s");
    }

    @Test
    void aBrokenConnectionIsRefusedAsUnreadable() throws Exception {
        byte[] form = tokenForm(v.scenario());
        Exchange x = new Exchange(form.length, new Arriving(form, 10));
        x.dispatch();
        x.in.listener.onError(new IOException("reset"));
        x.dispatchAgain();
        assertRefusedAndClosed(x.only(), Reason.MALFORMED_REQUEST, "request body could not be read");
    }

    @Test
    void anUnreadableStreamIsRefusedAsUnreadableWithoutAnAsynchronousCycle() throws Exception {
        Arriving in = new Arriving(new byte[10], 0);
        in.failOnAvailable = true;
        Exchange x = new Exchange(10, in);
        x.dispatch();
        assertFalse(x.started);
        assertRefusedAndClosed(x.only(), Reason.MALFORMED_REQUEST, "request body could not be read");
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingAByte() throws Exception {
        Exchange x = new Exchange(TokenRequest.MAX_BODY_BYTES + 1L, new Arriving(new byte[10], 0));
        x.dispatch();
        assertRefusedAndClosed(x.only(), Reason.REQUEST_TOO_LARGE, "request body exceeds 131072 bytes");
        assertFalse(x.started, "nothing collected");
        assertEquals(0, x.in.pos, "not one byte read");
    }

    @Test
    void anEmptyBodyIsAllThereAtOnce() throws Exception {
        Exchange x = new Exchange(0, new Arriving(new byte[0], 0));
        x.dispatch();
        assertFalse(x.started, "nothing to wait for");
        assertEquals(Reason.MISSING_PARAMETER, x.only().refusal().reason());
    }

    @Test
    void aDeclaredLengthOfExactlyTheLimitStillOnItsWayIsCollected() throws Exception {
        byte[] limit = new byte[TokenRequest.MAX_BODY_BYTES];
        Arrays.fill(limit, (byte) 'a');
        Exchange x = new Exchange(limit.length, new Arriving(limit, 10));
        x.dispatch();
        assertTrue(x.started, "within the limit: collected, not refused unread");
        assertEquals(List.of(), x.answers);
    }

    @Test
    void aBodyOneByteShortOfItsDeclaredLengthIsCollected() throws Exception {
        byte[] form = tokenForm(v.scenario());
        Exchange x = new Exchange(form.length, new Arriving(form, form.length - 1));
        x.dispatch();
        assertTrue(x.started);
        x.in.arriveAll();
        x.dispatchAgain();
        assertGranted(x.only());
    }

    @Test
    void aDeclaredLengthOfExactlyTheLimitIsRead() throws Exception {
        byte[] limit = new byte[TokenRequest.MAX_BODY_BYTES];
        Arrays.fill(limit, (byte) 'a');
        Exchange x = new Exchange(limit.length, new Arriving(limit, limit.length));
        x.dispatch();
        TokenResource.Answer a = x.only();
        assertEquals(Reason.MISSING_PARAMETER, a.refusal().reason(), "read whole and judged as a form, not by size");
        assertFalse(a.close());
    }

    @Test
    void aCollectedBodyOfExactlyTheLimitIsJudgedAsAForm() throws Exception {
        byte[] limit = new byte[TokenRequest.MAX_BODY_BYTES];
        Arrays.fill(limit, (byte) 'a');
        Exchange x = new Exchange(-1, new Arriving(limit, limit.length));
        x.dispatch();
        x.in.arriveAll();
        x.dispatchAgain();
        assertEquals(Reason.MISSING_PARAMETER, x.only().refusal().reason());
        assertFalse(x.only().close());
    }

    @Test
    void aChunkedBodyGrowingPastTheLimitIsRefusedAndClosedWithoutReadingTheRest() throws Exception {
        byte[] big = new byte[TokenRequest.MAX_BODY_BYTES + 50_000];
        Arrays.fill(big, (byte) 'a');
        Exchange x = new Exchange(-1, new Arriving(big, big.length));
        x.dispatch();
        x.in.listener.onDataAvailable();
        assertEquals(TokenRequest.MAX_BODY_BYTES + 1, x.in.pos, "one byte over the limit, no more");
        x.dispatchAgain();
        assertRefusedAndClosed(x.only(), Reason.REQUEST_TOO_LARGE, "request body exceeds 131072 bytes");
    }

    @Test
    void otherMethodsAndDispatchesPassUntouched() throws Exception {
        Exchange get = new Exchange("GET", -1, new Arriving(new byte[0], 0));
        List<ServletRequest> passed = new ArrayList<>();
        HttpServletRequest request = get.request();
        filter.doFilter(request, null, (req, res) -> passed.add(req));
        get.type = DispatcherType.FORWARD;
        Exchange forward = new Exchange(-1, new Arriving(new byte[0], 0));
        forward.type = DispatcherType.FORWARD;
        HttpServletRequest forwarded = forward.request();
        filter.doFilter(forwarded, null, (req, res) -> passed.add(req));
        assertEquals(List.of(request, forwarded), passed);
        assertFalse(get.started || forward.started, "nothing collected");
    }

    @Test
    void aBodyTheRuntimeAlreadyReadIntoIsTakenFromItsOwnStream() throws Exception {
        // Jersey (Payara) hands the resource its own stream; the resource reads that one, not the servlet stream.
        byte[] form = tokenForm(v.scenario());
        Exchange x = new Exchange(form.length, new Arriving(form, 0));
        TokenResource.Answer a =
                (TokenResource.Answer) resource.answer(headers(), x.request(), new ByteArrayInputStream(form));
        assertGranted(a);
        assertEquals(0, x.in.pos, "the servlet stream is not read around the runtime");
    }

    @Test
    void theContainersFilterTakesItsDeadlineFromTheConfigurationAndStopsItsTimerWhenDestroyed() throws Exception {
        TokenBodyFilter made = new TokenBodyFilter();
        made.configure(v.config);
        byte[] form = tokenForm(v.scenario());
        Exchange x = new Exchange(form.length, new Arriving(form, 10));
        made.doFilter(x.request(), null, (req, res) -> answers(x));
        assertEquals(List.of(35_000L), x.timeoutsMillis, "verifier.token.body-timeout (5 s) plus the backstop");
        made.destroy();
        Exchange late = new Exchange(form.length, new Arriving(form, 10));
        assertThrows(
                RejectedExecutionException.class,
                () -> made.doFilter(late.request(), null, (req, res) -> answers(late)),
                "a destroyed filter's timer takes no more deadlines");
    }

    private static void answers(Exchange x) {
        throw new AssertionError("a body still on its way is not passed on");
    }
}
