package io.lear.verifier.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestVerifier;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the token resource gets its body: decided at once when it is all there, collected without a thread when it
 * is not, refused with {@code Connection: close} when late, broken or oversized (profile §15; issue: slow bodies).
 * The container parts are small fakes; the decision behind them is the real verifier.
 */
class TokenResourceAsyncTest {
    private static final String FORM = "application/x-www-form-urlencoded";
    private TestVerifier v;
    private TokenResource resource;

    /** A body of which {@code ready} bytes have arrived; the rest arrives when the test says so. */
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

    /** What the resource did with its asynchronous response. */
    private static final class Answer {
        final List<TokenResource.Answer> resumed = new ArrayList<>();
        final List<Long> timeoutsMillis = new ArrayList<>();
        AsyncResponse proxy;

        Answer() {
            proxy = (AsyncResponse) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {AsyncResponse.class}, (p, m, args) -> {
                        switch (m.getName()) {
                            case "resume":
                                resumed.add((TokenResource.Answer) args[0]);
                                return true;
                            case "setTimeout":
                                timeoutsMillis.add(((TimeUnit) args[1]).toMillis((Long) args[0]));
                                return true;
                            default:
                                throw new UnsupportedOperationException(m.getName());
                        }
                    });
        }

        TokenResource.Answer only() {
            assertEquals(1, resumed.size(), "answered exactly once");
            return resumed.get(0);
        }
    }

    /** The body deadlines the resource asked for; the test decides when they pass. */
    private static final class Deadlines implements TokenResource.Deadlines {
        final List<Long> scheduledMillis = new ArrayList<>();
        Runnable expire;
        boolean cancelled;

        @Override
        public Runnable schedule(long millis, Runnable action) {
            scheduledMillis.add(millis);
            expire = action;
            return () -> cancelled = true;
        }

        void pass() {
            expire.run();
        }
    }

    private final Deadlines deadlines = new Deadlines();

    @BeforeEach
    void setUp() {
        v = TestVerifier.create();
        resource = new TokenResource(v.tokens, new TokenAudit(), v.config, a -> a, deadlines);
    }

    private static byte[] tokenForm(Scenario s) {
        return ("grant_type=client_credentials&client_assertion_type="
                        + URLEncoder.encode(TokenRequest.CLIENT_ASSERTION_TYPE_JWT_BEARER, StandardCharsets.UTF_8)
                        + "&client_assertion=" + s.assertion())
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static HttpHeaders headers() {
        return (HttpHeaders) Proxy.newProxyInstance(
                TokenResourceAsyncTest.class.getClassLoader(),
                new Class<?>[] {HttpHeaders.class},
                (p, m, args) -> switch (m.getName()) {
                    case "getHeaderString" -> HttpHeaders.CONTENT_TYPE.equals(args[0]) ? FORM : null;
                    case "getRequestHeader" -> null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static HttpServletRequest request(long contentLength, ServletInputStream in) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                TokenResourceAsyncTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (p, m, args) -> switch (m.getName()) {
                    case "getContentLengthLong" -> contentLength;
                    case "getInputStream" -> in;
                    case "getAttribute" -> "req-1";
                    case "getAsyncContext" -> inlineAsyncContext();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** The request's asynchronous context, running what it is given at once. */
    private static AsyncContext inlineAsyncContext() {
        return (AsyncContext) Proxy.newProxyInstance(
                TokenResourceAsyncTest.class.getClassLoader(), new Class<?>[] {AsyncContext.class}, (p, m, args) -> {
                    if (m.getName().equals("start")) {
                        ((Runnable) args[0]).run();
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
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
    void aBodyThatIsAllThereIsDecidedAtOnceWithoutListeningForMore() {
        byte[] form = tokenForm(v.scenario());
        Arriving in = new Arriving(form, form.length);
        Answer answer = new Answer();
        resource.token(headers(), request(form.length, in), in, answer.proxy);
        assertGranted(answer.only());
        assertNull(in.listener, "no non-blocking read for a body already received");
        assertEquals(List.of(), answer.timeoutsMillis);
        assertEquals(List.of(), deadlines.scheduledMillis);
    }

    @Test
    void aBodyStillOnItsWayIsCollectedAgainstTheDeadlineThenDecided() throws IOException {
        byte[] form = tokenForm(v.scenario());
        Arriving in = new Arriving(form, 10);
        Answer answer = new Answer();
        resource.token(headers(), request(form.length, in), in, answer.proxy);
        assertEquals(List.of(), answer.resumed, "nothing decided before the body is in");
        assertNotNull(in.listener);
        assertEquals(List.of(5_000L), deadlines.scheduledMillis, "verifier.token.body-timeout, default 5 s");
        assertEquals(List.of(125_000L), answer.timeoutsMillis, "the whole bounded, set during the first dispatch");
        in.arriveAll();
        assertGranted(answer.only());
        assertTrue(deadlines.cancelled, "a body in time cancels its deadline");
        deadlines.pass();
        assertEquals(1, answer.resumed.size(), "a deadline passing during the decision answers nothing");
        assertEquals(List.of(125_000L), answer.timeoutsMillis, "never changed after the first dispatch");
    }

    @Test
    void aChunkedBodyOfUnknownLengthIsCollectedToo() throws IOException {
        byte[] form = tokenForm(v.scenario());
        Arriving in = new Arriving(form, form.length);
        Answer answer = new Answer();
        resource.token(headers(), request(-1, in), in, answer.proxy);
        assertNotNull(in.listener);
        in.arriveAll();
        assertGranted(answer.only());
    }

    @Test
    void aBodyNotInByTheDeadlineIsRefusedAndItsConnectionClosed() throws IOException {
        byte[] form = tokenForm(v.scenario());
        Arriving in = new Arriving(form, 10);
        Answer answer = new Answer();
        resource.token(headers(), request(form.length, in), in, answer.proxy);
        deadlines.pass();
        assertRefusedAndClosed(answer.only(), Reason.MALFORMED_REQUEST, "request body did not arrive within 5 s");
        in.arriveAll();
        assertEquals(1, answer.resumed.size(), "the late body is never decided");
    }

    @Test
    void aBrokenConnectionIsRefusedAsUnreadable() {
        byte[] form = tokenForm(v.scenario());
        Arriving in = new Arriving(form, 10);
        Answer answer = new Answer();
        resource.token(headers(), request(form.length, in), in, answer.proxy);
        in.listener.onError(new IOException("reset"));
        assertRefusedAndClosed(answer.only(), Reason.MALFORMED_REQUEST, "request body could not be read");
    }

    @Test
    void anUnreadableStreamIsRefusedAsUnreadable() {
        Arriving in = new Arriving(new byte[10], 0);
        in.failOnAvailable = true;
        Answer answer = new Answer();
        resource.token(headers(), request(10, in), in, answer.proxy);
        assertRefusedAndClosed(answer.only(), Reason.MALFORMED_REQUEST, "request body could not be read");
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingAByte() {
        Arriving in = new Arriving(new byte[10], 10);
        Answer answer = new Answer();
        resource.token(headers(), request(TokenRequest.MAX_BODY_BYTES + 1L, in), in, answer.proxy);
        assertRefusedAndClosed(answer.only(), Reason.REQUEST_TOO_LARGE, "request body exceeds 131072 bytes");
        assertEquals(0, in.pos, "not one byte read");
        assertNull(in.listener);
    }

    @Test
    void aDeclaredLengthOfExactlyTheLimitIsRead() {
        byte[] limit = new byte[TokenRequest.MAX_BODY_BYTES];
        Arrays.fill(limit, (byte) 'a');
        Arriving in = new Arriving(limit, limit.length);
        Answer answer = new Answer();
        resource.token(headers(), request(limit.length, in), in, answer.proxy);
        TokenResource.Answer a = answer.only();
        assertEquals(Reason.MISSING_PARAMETER, a.refusal().reason(), "read whole and judged as a form, not by size");
        assertFalse(a.close());
    }

    @Test
    void aChunkedBodyGrowingPastTheLimitIsRefusedAndClosedWithoutReadingTheRest() throws IOException {
        byte[] big = new byte[TokenRequest.MAX_BODY_BYTES + 50_000];
        Arrays.fill(big, (byte) 'a');
        Arriving in = new Arriving(big, big.length);
        Answer answer = new Answer();
        resource.token(headers(), request(-1, in), in, answer.proxy);
        in.listener.onDataAvailable();
        assertRefusedAndClosed(answer.only(), Reason.REQUEST_TOO_LARGE, "request body exceeds 131072 bytes");
        assertEquals(TokenRequest.MAX_BODY_BYTES + 1, in.pos, "one byte over the limit, no more");
    }

    @Test
    void aBodyTheRuntimeAlreadyReadIntoIsTakenFromItsOwnStream() {
        // Jersey (Payara) hands the resource its own stream, having read a byte of the servlet stream.
        byte[] form = tokenForm(v.scenario());
        Arriving servlet = new Arriving(form, 0);
        Answer answer = new Answer();
        resource.token(headers(), request(form.length, servlet), new java.io.ByteArrayInputStream(form), answer.proxy);
        assertGranted(answer.only());
        assertNull(servlet.listener, "the servlet stream is not read around the runtime");
        assertEquals(List.of(), deadlines.scheduledMillis);
    }
}
