package io.lear.verifier.trust;

import static io.lear.verifier.testsupport.ListServer.Answer.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.testsupport.ListServer;
import io.lear.verifier.testsupport.ListServer.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Outbound fetches of trust documents against a real server on 127.0.0.1 (profile §7, §13). */
class FetcherTest {
    private final ListServer server = ListServer.started();
    private final Fetcher fetcher = new Fetcher(Duration.ofSeconds(10), true);

    @AfterEach
    void stop() {
        server.close();
    }

    private FetchException fails(Fetcher f, String path) {
        return assertThrows(FetchException.class, () -> f.get(server.url(path), "application/json"));
    }

    @Test
    void httpsAlwaysAndHttpOnlyWhenAllowed() {
        Fetcher strict = new Fetcher(Duration.ofSeconds(1), false);
        assertTrue(strict.permits("https://lists.example.org/issuers.json"));
        assertFalse(strict.permits("http://lists.example.org/issuers.json"));
        assertTrue(fetcher.permits("http://lists.example.org/issuers.json"));
    }

    @Test
    void otherSchemesUserInfoAndHostlessUrlsAreNeverFetched() {
        assertFalse(fetcher.permits("ftp://lists.example.org/x"));
        assertFalse(fetcher.permits("https://user:pw@lists.example.org/x"));
        assertFalse(fetcher.permits("file:///etc/passwd"));
        assertFalse(fetcher.permits("https:///nohost"));
        assertFalse(fetcher.permits("https://bad host/"));
    }

    @Test
    void disallowedUrlIsRefusedWithoutARequest() {
        Fetcher strict = new Fetcher(Duration.ofSeconds(1), false);
        assertThrows(FetchException.class, () -> strict.get(server.url("/x"), "application/json"));
        assertEquals(0, server.hits("/x"));
    }

    @Test
    void okAnswerIsTheBody() throws Exception {
        server.answer("/doc", ok("{\"a\":1}"));
        assertArrayEquals(
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), fetcher.get(server.url("/doc"), "application/json"));
    }

    @Test
    void otherStatusIsAFailureCarryingIt() {
        server.answer("/gone", Answer.status(404));
        FetchException e = fails(fetcher, "/gone");
        assertEquals(404, e.status());
        assertEquals("HTTP status 404", e.getMessage());
    }

    @Test
    void bodyOfExactlyTheLimitIsAccepted() throws Exception {
        server.answer("/max", Answer.huge(Fetcher.MAX_BYTES));
        assertEquals(Fetcher.MAX_BYTES, fetcher.get(server.url("/max"), "application/json").length);
    }

    @Test
    void bodyOneByteOverTheLimitIsRefused() {
        server.answer("/big", Answer.huge(Fetcher.MAX_BYTES + 1));
        assertEquals(
                "response larger than " + Fetcher.MAX_BYTES + " bytes",
                fails(fetcher, "/big").getMessage());
    }

    @Test
    void slowServerTimesOut() {
        Fetcher quick = new Fetcher(Duration.ofSeconds(1), true);
        server.answer("/slow", Answer.slow("{}", 5000));
        assertTrue(fails(quick, "/slow").getMessage().startsWith("timed out"));
    }

    @Test
    void serverThatIsDownIsAConnectFailure() throws Exception {
        int port = io.lear.verifier.testsupport.ServerProcess.freePort(); // nothing listens there
        FetchException e =
                assertThrows(FetchException.class, () -> fetcher.get("http://127.0.0.1:" + port + "/x", "*/*"));
        assertTrue(e.getMessage().startsWith("fetch failed ("), e.getMessage()); // the root cause class, no text
    }

    @Test
    void interruptedCallerGetsAFailureAndKeepsItsInterrupt() {
        server.answer("/slow", Answer.slow("{}", 2000));
        Thread.currentThread().interrupt();
        try {
            assertEquals("interrupted", fails(fetcher, "/slow").getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
