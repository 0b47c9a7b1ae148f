package io.lear.verifier.trust;

import static io.lear.verifier.testsupport.ListServer.Answer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.ListServer;
import io.lear.verifier.testsupport.ListServer.Answer;
import io.lear.verifier.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Profile §15.2 against a real registry on 127.0.0.1: only verified did:elsi issuers are looked up;
 * "not listed" answers are cached apart and never evict listed issuers.
 */
class TirTrustedIssuersTest {
    private static final String LISTED = "did:elsi:VATES-Q0000000J";
    private final ListServer registry = ListServer.started();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));

    @AfterEach
    void stop() {
        registry.close();
    }

    private TirTrustedIssuers tir(int maxListed, int maxNotListed) {
        return new TirTrustedIssuers(
                registry.url("/v4/issuers/"),
                new Fetcher(Duration.ofSeconds(5), true),
                clock,
                Duration.ofSeconds(300),
                Duration.ofSeconds(3600),
                Runnable::run,
                maxListed,
                maxNotListed);
    }

    private static String entry(String did) {
        String body =
                "{\"credentialsType\":\"LEARCredentialMachine\",\"validFor\":{\"from\":\"2020-01-01T00:00:00Z\"}}";
        return "{\"did\":\"" + did + "\",\"attributes\":[{\"body\":\""
                + Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "\"}]}";
    }

    @Test
    void listedIssuerIsFound() {
        registry.answer("/v4/issuers/" + LISTED, ok(entry(LISTED)));
        List<TrustedIssuer> found = tir(10, 10).lookup(LISTED);
        assertEquals(1, found.size());
        assertTrue(found.get(0).allows("LEARCredentialMachine", clock.instant(), java.time.Duration.ZERO));
    }

    @Test
    void credentialsTypeLearCredentialMachineCoversEveryMachineLineageAndAnIdOnlyItself() {
        registry.answer("/v4/issuers/" + LISTED, ok(entry(LISTED)));
        TrustedIssuer all = tir(10, 10).lookup(LISTED).get(0);
        assertTrue(all.allows("learcredential.machine.w3c.3", clock.instant(), java.time.Duration.ZERO));
        assertTrue(all.allows("learcredential.machine.sd.1", clock.instant(), java.time.Duration.ZERO));
        String other = "did:elsi:VATES-B60645900";
        String body = "{\"credentialsType\":[\"learcredential.machine.w3c.3\"]}";
        registry.answer(
                "/v4/issuers/" + other,
                ok("{\"did\":\"" + other + "\",\"attributes\":[{\"body\":\""
                        + Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "\"}]}"));
        TrustedIssuer w3c3 = tir(10, 10).lookup(other).get(0);
        assertTrue(w3c3.allows("learcredential.machine.w3c.3", clock.instant(), java.time.Duration.ZERO));
        assertFalse(w3c3.allows("LEARCredentialMachine", clock.instant(), java.time.Duration.ZERO));
    }

    @Test
    void didKeyIssuerIsNeverLookedUp() {
        String didKey = "did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169";
        assertEquals(List.of(), tir(10, 10).lookup(didKey));
        assertEquals(0, registry.hits("/v4/issuers/" + didKey));
    }

    @Test
    void didWithPathTricksIsNeverLookedUp() {
        TirTrustedIssuers tir = tir(10, 10);
        for (String did : List.of(
                "did:elsi:%2e%2e%2fadmin",
                "did:elsi:../admin",
                "did:elsi:A/B",
                "did:elsi:A?x=1",
                "did:elsi:A#f",
                "did:elsi:",
                "did:web:example.org")) {
            assertEquals(List.of(), tir.lookup(did), did);
        }
        assertEquals(0, registry.totalHits());
    }

    /** Issue 20: what the verifier may know before any key work, without asking the registry (§15.2). */
    @Test
    void lookupWithoutFetchKnowsOnlyWhatNeedsNoRequest() {
        TirTrustedIssuers tir = tir(10, 10);
        String stranger = "did:elsi:VATES-B00000001";
        registry.answer("/v4/issuers/" + LISTED, ok(entry(LISTED)));
        assertEquals(java.util.Optional.of(List.of()), tir.lookupWithoutFetch("did:key:zDnaeStranger"));
        assertEquals(java.util.Optional.empty(), tir.lookupWithoutFetch(stranger));
        assertEquals(java.util.Optional.empty(), tir.lookupWithoutFetch(LISTED));
        assertEquals(0, registry.totalHits());
        tir.lookup(stranger);
        tir.lookup(LISTED);
        assertEquals(java.util.Optional.of(List.of()), tir.lookupWithoutFetch(stranger));
        assertEquals(java.util.Optional.empty(), tir.lookupWithoutFetch(LISTED));
        clock.advance(Duration.ofSeconds(301));
        assertEquals(java.util.Optional.empty(), tir.lookupWithoutFetch(stranger));
        assertEquals(2, registry.totalHits());
    }

    @Test
    void compositeKnowsOnlyWhenEverySourceKnows() {
        TirTrustedIssuers tir = tir(10, 10);
        TrustedIssuers local = id -> List.of();
        CompositeTrustedIssuers both = new CompositeTrustedIssuers(List.of(local, tir));
        assertEquals(java.util.Optional.empty(), both.lookupWithoutFetch("did:elsi:VATES-B00000001"));
        assertEquals(java.util.Optional.of(List.of()), both.lookupWithoutFetch("did:key:zDnaeStranger"));
        assertEquals(0, registry.totalHits());
    }

    @Test
    void notListedAnswerIsCachedForOneRefreshPeriod() {
        TirTrustedIssuers tir = tir(10, 10);
        String stranger = "did:elsi:VATES-B00000001";
        tir.lookup(stranger);
        tir.lookup(stranger);
        assertEquals(1, registry.hits("/v4/issuers/" + stranger));
        clock.advance(Duration.ofSeconds(301));
        tir.lookup(stranger);
        assertEquals(2, registry.hits("/v4/issuers/" + stranger));
    }

    @Test
    void manyNotListedIssuersNeverEvictAListedOne() {
        registry.answer("/v4/issuers/" + LISTED, ok(entry(LISTED)));
        TirTrustedIssuers tir = tir(10, 5);
        tir.lookup(LISTED);
        for (int i = 0; i < 50; i++) {
            tir.lookup("did:elsi:VATES-B" + (10_000_000 + i));
        }
        assertTrue(tir.notListedCount() <= 5);
        // The registry goes down: the listed issuer's copy still serves within max staleness.
        registry.answer("/v4/issuers/" + LISTED, Answer.status(500));
        clock.advance(Duration.ofSeconds(1000));
        assertEquals(1, tir.lookup(LISTED).size());
        assertEquals(1, tir.listedCount());
    }

    @Test
    void registryDownWithoutACopyIsTrustUnavailable() {
        registry.answer("/v4/issuers/" + LISTED, Answer.status(503));
        OAuthException e = assertThrows(OAuthException.class, () -> tir(10, 10).lookup(LISTED));
        assertEquals(Reason.TRUST_UNAVAILABLE, e.reason());
        assertEquals(503, e.status());
    }

    private static String attribute(String body, Base64.Encoder encoder) {
        return "{\"body\":\"" + encoder.encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    @Test
    void answerForAnotherDidIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> TirTrustedIssuers.parse(
                        LISTED, TrustDocuments.json("{\"did\":\"did:elsi:OTHER\",\"attributes\":[]}")));
    }

    @Test
    void answerWithoutAttributesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TirTrustedIssuers.parse(LISTED, TrustDocuments.json("{}")));
    }

    @Test
    void typeListsBase64urlAndUnreadableAttributesAreHandled() throws Exception {
        // '?' and '>' make the Base64 spellings differ: '/' and '+' in standard, '_' and '-' in base64url.
        String body = "{\"credentialsType\":[\"LEARCredentialMachine\",\"X\"],\"note\":\"??>>\"}";
        String doc = "{\"did\":\"" + LISTED + "\",\"attributes\":[" + attribute(body, Base64.getUrlEncoder()) + ","
                + attribute(body, Base64.getEncoder()) + ",{\"body\":\"%%%\"},{\"hash\":\"h\"}]}";
        List<TrustedIssuer> entries = TirTrustedIssuers.parse(LISTED, TrustDocuments.json(doc));
        assertEquals(2, entries.size());
        for (TrustedIssuer e : entries) {
            assertEquals(java.util.Set.of("LEARCredentialMachine", "X"), e.credentialTypes());
            assertTrue(e.allows("LEARCredentialMachine", clock.instant(), java.time.Duration.ZERO));
        }
    }

    @Test
    void notListedIssuerIsCounted() {
        registry.answer("/v4/issuers/did:elsi:UNLISTED", Answer.status(404));
        TirTrustedIssuers t = tir(10, 10);
        assertEquals(List.of(), t.lookup("did:elsi:UNLISTED"));
        assertEquals(1, t.notListedCount());
        assertEquals(0, t.listedCount());
    }

    @Test
    void listedIssuerIsRefreshedFromTheRegistry() {
        registry.answer("/v4/issuers/" + LISTED, ok(entry(LISTED)));
        TirTrustedIssuers t = tir(10, 10);
        assertTrue(t.lookup(LISTED).get(0).allows("LEARCredentialMachine", clock.instant(), java.time.Duration.ZERO));
        String employeeOnly = "{\"did\":\"" + LISTED + "\",\"attributes\":["
                + attribute("{\"credentialsType\":\"LEARCredentialEmployee\"}", Base64.getEncoder()) + "]}";
        registry.answer("/v4/issuers/" + LISTED, ok(employeeOnly));
        clock.advance(Duration.ofSeconds(301));
        t.lookup(LISTED); // due: refreshed in the background (this test's executor runs it at once)
        assertEquals(
                java.util.Set.of("LEARCredentialEmployee"),
                t.lookup(LISTED).get(0).credentialTypes());
    }

    @Test
    void listedCacheStaysWithinItsCap() {
        registry.answer("/v4/issuers/did:elsi:A", ok(entry("did:elsi:A")));
        registry.answer("/v4/issuers/did:elsi:B", ok(entry("did:elsi:B")));
        TirTrustedIssuers t = tir(1, 10);
        t.lookup("did:elsi:A");
        t.lookup("did:elsi:B");
        assertEquals(1, t.listedCount());
    }

    @Test
    void notListedCacheEvictsInsteadOfStartingOver() {
        registry.answer("/v4/issuers/did:elsi:A", Answer.status(404));
        registry.answer("/v4/issuers/did:elsi:B", Answer.status(404));
        registry.answer("/v4/issuers/did:elsi:C", Answer.status(404));
        TirTrustedIssuers t = tir(10, 2);
        t.lookup("did:elsi:A");
        t.lookup("did:elsi:B");
        assertEquals(2, t.notListedCount());
        t.lookup("did:elsi:C");
        // Caffeine's W-TinyLFU evicts one entry, not all (the "empty when full" map went to 1).
        assertEquals(2, t.notListedCount());
    }
}
