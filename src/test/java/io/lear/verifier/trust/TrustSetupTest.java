package io.lear.verifier.trust;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.config.ConfigurationException;
import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.keys.DidKeyResolver;
import io.lear.verifier.testsupport.MutableClock;
import io.lear.verifier.testsupport.TestPki;
import io.lear.verifier.testsupport.TestVerifier;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Wiring of the trust sources from configuration: what is checked at start, and readiness. */
class TrustSetupTest {
    private static final String ANCHORS =
            TestVerifier.write("anchors.pem", TestPki.create("Setup").anchorsPem());
    private static final String ISSUERS = TestVerifier.write("issuers.json", TestVerifier.defaultIssuers());
    private final MutableClock clock = new MutableClock(Instant.now());

    private TrustSetup setup(Map<String, String> settings, Executor executor) {
        Map<String, String> all = new HashMap<>(
                Map.of("verifier.issuer", "https://verifier.example.org", "verifier.trust.anchors", ANCHORS));
        all.putAll(settings);
        VerifierConfig config = VerifierConfig.from(k -> Optional.ofNullable(all.get(k)));
        return new TrustSetup(config, clock, new DidKeyResolver(), executor);
    }

    private static void assertNames(String key, org.junit.jupiter.api.function.Executable start) {
        String message = assertThrows(ConfigurationException.class, start).getMessage();
        assertTrue(message.startsWith("invalid configuration '" + key + "'"), message);
    }

    @Test
    void withoutAnyIssuerSourceItIsNeverReady() {
        TrustSetup t = setup(Map.of(), Runnable::run);
        t.warmUp();
        assertFalse(t.isReady());
    }

    @Test
    void withAnIssuerListItIsReadyOnceLoaded() {
        TrustSetup t = setup(Map.of("verifier.trust.issuers", ISSUERS), Runnable::run);
        t.warmUp();
        assertTrue(t.isReady());
    }

    @Test
    void staleParticipantsListMakesItUnready() throws Exception {
        String participants = TestVerifier.write("participants.json", "{\"participants\":[]}");
        TrustSetup t = setup(
                Map.of(
                        "verifier.trust.issuers",
                        ISSUERS,
                        "verifier.trust.participants",
                        participants,
                        "verifier.trust.max-staleness",
                        "3600"),
                Runnable::run);
        t.warmUp();
        assertTrue(t.isReady());
        java.nio.file.Files.delete(java.nio.file.Path.of(participants));
        clock.advance(java.time.Duration.ofSeconds(3601));
        assertFalse(t.isReady());
    }

    @Test
    void unreadableLocalDocumentsAreRefusedAtStart() {
        assertNames(
                "verifier.trust.participants",
                () -> setup(
                        Map.of("verifier.trust.issuers", ISSUERS, "verifier.trust.participants", "/nonexistent/p.json"),
                        Runnable::run));
        assertNames(
                "verifier.clients",
                () -> setup(
                        Map.of("verifier.trust.issuers", ISSUERS, "verifier.clients", "/nonexistent/c.yaml"),
                        Runnable::run));
        assertNames(
                "verifier.revocation.list",
                () -> setup(
                        Map.of("verifier.trust.issuers", ISSUERS, "verifier.revocation.list", "/nonexistent/r.yaml"),
                        Runnable::run));
    }

    @Test
    void plainHttpDocumentsAreRefusedAtStartUnlessAllowed() {
        assertNames(
                "verifier.trust.issuers",
                () -> setup(Map.of("verifier.trust.issuers", "http://lists.example.org/issuers.json"), Runnable::run));
        assertNames(
                "verifier.revocation.list",
                () -> setup(
                        Map.of(
                                "verifier.trust.issuers",
                                ISSUERS,
                                "verifier.revocation.list",
                                "http://lists.example.org/r.yaml"),
                        Runnable::run));
    }

    @Test
    void closeStopsAnExecutorItOwns() {
        AtomicBoolean closed = new AtomicBoolean();
        class ClosingExecutor implements Executor, AutoCloseable {
            @Override
            public void execute(Runnable r) {
                r.run();
            }

            @Override
            public void close() {
                closed.set(true);
            }
        }
        setup(Map.of("verifier.trust.issuers", ISSUERS), new ClosingExecutor()).close();
        assertTrue(closed.get());
    }

    @Test
    void exposesTheConfiguredAnchorsAndItsSources() {
        TrustSetup t = setup(Map.of("verifier.trust.issuers", ISSUERS), Runnable::run);
        assertFalse(t.anchors().isEmpty());
        assertFalse(t.sources().isEmpty());
    }
}
