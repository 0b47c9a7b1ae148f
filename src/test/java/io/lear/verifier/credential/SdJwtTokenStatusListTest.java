package io.lear.verifier.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.ListServer;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestPki;
import io.lear.verifier.testsupport.TestVerifier;
import io.lear.verifier.testsupport.TokenStatusLists;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Revocation of {@code learcredential.machine.sd.1} by an IETF Token Status List (profile §16.3) served by a real
 * HTTP server on 127.0.0.1: fetched, verified and cached like a Bitstring list, failing closed.
 */
class SdJwtTokenStatusListTest {
    private static final String PATH = "/token/v1/credentials/status/7";
    /** The draft's 2-bit example statuses: 1 INVALID, 2 SUSPENDED, 0 VALID, 3 application-specific. */
    private static final int[] TWO_BITS = {1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3};

    private final ListServer server = ListServer.started();
    private final TestVerifier verifier = TestVerifier.create(Map.of("verifier.fetch.allow-http", "true"));
    private final String uri = server.url(PATH);

    @AfterEach
    void stop() {
        server.close();
    }

    private void serve(int bits, int[] statuses, Consumer<Map<String, Object>> changes) {
        serve(verifier.ecIssuer, Scenario.ORG, bits, statuses, changes);
    }

    private void serve(
            TestPki.Issued seal, String iss, int bits, int[] statuses, Consumer<Map<String, Object>> changes) {
        server.answer(
                PATH,
                ListServer.Answer.ok(TokenStatusLists.sign(
                        iss,
                        uri,
                        bits,
                        TokenStatusLists.lst(bits, statuses),
                        seal.privateKey(),
                        verifier.pki.x5c(seal),
                        verifier.clock.instant(),
                        changes)));
    }

    private Scenario at(long idx) {
        Scenario s = verifier.sd1Scenario();
        s.vcPayload = p -> TokenStatusLists.point(p, uri, idx);
        return s;
    }

    private void accepted(long idx) {
        Scenario s = at(idx);
        assertEquals(
                CredentialLineages.SD1,
                verifier.authenticator
                        .authenticate(s.assertion(), Optional.empty())
                        .credential()
                        .configurationId());
    }

    private OAuthException refusal(long idx) {
        return assertThrows(
                OAuthException.class, () -> verifier.authenticator.authenticate(at(idx).assertion(), Optional.empty()));
    }

    private String revoked(long idx) {
        OAuthException e = refusal(idx);
        assertEquals(Reason.VC_REVOKED, e.reason(), e.description());
        assertEquals(401, e.status());
        assertEquals("invalid_client", e.error().code());
        return e.description();
    }

    private void unavailable(long idx) {
        OAuthException e = refusal(idx);
        assertEquals(Reason.VC_STATUS_UNAVAILABLE, e.reason(), e.description());
        assertEquals(503, e.status());
        assertEquals("temporarily_unavailable", e.error().code());
    }

    @Test
    void clearEntriesPassAndSetOnesAreRevokedWithOneBit() {
        serve(1, new int[] {1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1}, p -> {});
        accepted(1);
        accepted(14);
        revoked(0);
        revoked(15);
        assertEquals(1, server.hits(PATH), "one fetch, then the cached list");
    }

    @Test
    void everyNonZeroValueIsRefusedWithTwoBits() {
        serve(2, TWO_BITS, p -> {});
        accepted(2);
        accepted(4);
        // Values of draft-ietf-oauth-status-list §7.1: 1 INVALID, 2 SUSPENDED, 3 application-specific.
        assertEquals("credential is revoked (status 1)", revoked(0));
        assertEquals("credential is suspended (status 2)", revoked(1));
        assertEquals("credential is revoked (status 3)", revoked(3));
    }

    @Test
    void theDidFormOfIssIsTheSameIssuer() {
        serve(verifier.ecIssuer, Scenario.ISSUER_DID, 1, new int[8], p -> {});
        accepted(0);
    }

    @Test
    void indexOutsideTheListIsUnavailable() {
        serve(2, TWO_BITS, p -> {});
        unavailable(12);
    }

    @Test
    void unreachableListIsUnavailable() {
        server.answer(PATH, ListServer.Answer.status(500));
        unavailable(0);
        server.close();
        verifier.clock.advance(Duration.ofSeconds(2));
        unavailable(0);
    }

    @Test
    void aCachedListServesThroughAnOutageUntilItsMaximumStaleness() {
        serve(1, new int[8], p -> {});
        accepted(0);
        server.answer(PATH, ListServer.Answer.status(503));
        verifier.clock.advance(Duration.ofSeconds(400)); // past the 300 s refresh: reload fails, copy kept
        accepted(0);
        verifier.clock.advance(Duration.ofSeconds(3300)); // past the 3,600 s maximum staleness
        unavailable(0);
        assertEquals(3, server.hits(PATH));
    }

    @Test
    void badlySignedListIsUnavailable() {
        // Signed by a seal that does not chain to the anchors.
        TestPki stranger = TestPki.create("Stranger");
        serve(stranger.ecIssuer(Scenario.ORG), Scenario.ORG, 1, new int[8], p -> {});
        unavailable(0);
    }

    @Test
    void listOfAnotherIssuerIsUnavailable() {
        TestPki.Issued otherSeal = verifier.pki.ecIssuer("VATES-B00000000");
        serve(otherSeal, "VATES-B00000000", 1, new int[8], p -> {});
        unavailable(0);
        // The right issuer's name over another seal: the seal's organizationIdentifier refuses it.
        serve(otherSeal, Scenario.ORG, 1, new int[8], p -> {});
        verifier.clock.advance(Duration.ofSeconds(2));
        unavailable(0);
        // Sealed by the credential's issuer but naming another issuer as its own: not this issuer's statement.
        serve(verifier.ecIssuer, "VATES-B00000000", 1, new int[8], p -> {});
        verifier.clock.advance(Duration.ofSeconds(2));
        unavailable(0);
        serve(verifier.ecIssuer, "did:elsi:VATES-B00000000", 1, new int[8], p -> {});
        verifier.clock.advance(Duration.ofSeconds(2));
        unavailable(0);
        serve(verifier.ecIssuer, Scenario.ORG, 1, new int[8], p -> {});
        verifier.clock.advance(Duration.ofSeconds(2));
        accepted(0);
    }

    @Test
    void listOfAnotherTypOrSubIsUnavailable() {
        serve(1, new int[8], p -> p.put("sub", "https://elsewhere.example.org/list"));
        unavailable(0);
        // The same list signed as a plain JWT: typ must be statuslist+jwt.
        Map<String, Object> header = io.lear.verifier.testsupport.TestJwts.header("ES256");
        header.put("typ", "JWT");
        header.put("x5c", verifier.pki.x5c(verifier.ecIssuer));
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("sub", uri);
        payload.put("iss", Scenario.ORG);
        payload.put("status_list", Map.of("bits", 1, "lst", TokenStatusLists.lst(1, new int[8])));
        server.answer(
                PATH,
                ListServer.Answer.ok(
                        io.lear.verifier.testsupport.TestJwts.sign(header, payload, verifier.ecIssuer.privateKey())));
        verifier.clock.advance(Duration.ofSeconds(2));
        unavailable(0);
        header.put("typ", "statuslist+jwt");
        server.answer(
                PATH,
                ListServer.Answer.ok(
                        io.lear.verifier.testsupport.TestJwts.sign(header, payload, verifier.ecIssuer.privateKey())));
        verifier.clock.advance(Duration.ofSeconds(2));
        accepted(0);
    }

    @Test
    void expiredListIsUnavailableAlsoFromTheCache() {
        serve(
                1,
                new int[8],
                p -> p.put("exp", verifier.clock.instant().minusSeconds(61).getEpochSecond()));
        unavailable(0);
        TestVerifier v = verifier;
        serve(
                1,
                new int[8],
                p -> p.put("exp", v.clock.instant().plusSeconds(120).getEpochSecond()));
        verifier.clock.advance(Duration.ofSeconds(2));
        accepted(0);
        verifier.clock.advance(Duration.ofSeconds(200));
        // Cached but past its exp (the refresh of 300 s is not due): refused all the same.
        unavailable(0);
    }

    @Test
    void anUnknownStatusMechanismFailsClosed() {
        Scenario s = verifier.sd1Scenario();
        s.vcPayload = p -> p.put("status", Map.of("status_list_aggregation", Map.of("uri", uri)));
        OAuthException e = assertThrows(
                OAuthException.class, () -> verifier.authenticator.authenticate(s.assertion(), Optional.empty()));
        assertEquals(Reason.VC_STATUS_UNAVAILABLE, e.reason(), e.description());
        assertEquals(503, e.status());
        assertEquals(0, server.totalHits());
    }

    @Test
    void aStatusListReferenceWithoutUriOrWithANegativeIdxIsMalformed() {
        for (Map<String, Object> ref :
                List.of(Map.<String, Object>of("idx", 0), Map.<String, Object>of("uri", uri, "idx", -1))) {
            Scenario s = verifier.sd1Scenario();
            s.vcPayload = p -> p.put("status", Map.of("status_list", ref));
            SdJwtLineageTest.refused(verifier, Reason.VC_MALFORMED, s.assertion());
        }
    }

    @Test
    void otherBitWidthsAreUnavailable() {
        serve(1, new int[8], p -> ((Map<String, Object>) p.get("status_list")).put("bits", 3));
        unavailable(0);
    }

    @Test
    void ttlShorterThanTheRefreshReloadsSooner() {
        serve(1, new int[8], p -> p.put("ttl", 10));
        accepted(0);
        serve(1, new int[] {1, 0, 0, 0, 0, 0, 0, 0}, p -> p.put("ttl", 10));
        verifier.clock.advance(Duration.ofSeconds(11));
        // Due after 10 s rather than 300 s: the background reload (on this thread in tests) has the new list.
        revoked(0);
        assertEquals(2, server.hits(PATH));
    }

    @Test
    void aTtlOfZeroIsNoTtl() {
        serve(1, new int[8], p -> p.put("ttl", 0));
        accepted(0);
        serve(1, new int[] {1, 0, 0, 0, 0, 0, 0, 0}, p -> p.put("ttl", 0));
        verifier.clock.advance(Duration.ofSeconds(11));
        accepted(0); // the cached list, due only after the configured refresh
        assertEquals(1, server.hits(PATH));
    }

    @Test
    void nothingIsFetchedForAStranger() {
        serve(1, new int[8], p -> {});
        Scenario untrustedSeal = new Scenario(TestPki.create("Elsewhere").ecIssuer(Scenario.ORG), List.of(), uri);
        untrustedSeal.x5c = List.of(untrustedSeal.issuerCert.x5c());
        untrustedSeal.audience = TestVerifier.ISSUER;
        untrustedSeal.sdJwt();
        untrustedSeal.now = verifier.clock.instant();
        untrustedSeal.vcPayload = p -> TokenStatusLists.point(p, uri, 0);
        SdJwtLineageTest.refused(verifier, Reason.VC_CERTIFICATE_UNTRUSTED, untrustedSeal.assertion());
        Scenario forgedDisclosure = at(0);
        forgedDisclosure.sdSent = d -> d.set(0, io.lear.verifier.testsupport.SdJwts.disclosure("mandatee", Map.of()));
        SdJwtLineageTest.refused(verifier, Reason.VC_SIGNATURE_INVALID, forgedDisclosure.assertion());
        Scenario otherHolder = at(0);
        otherHolder.vcPayload = p -> {
            TokenStatusLists.point(p, uri, 0);
            p.put("cnf", Map.of("kid", "did:key:zDnaeOther"));
        };
        SdJwtLineageTest.refused(verifier, Reason.VC_HOLDER_MISMATCH, otherHolder.assertion());
        Scenario expired = at(0);
        expired.vcPayload = p -> {
            TokenStatusLists.point(p, uri, 0);
            p.put("exp", verifier.clock.instant().minusSeconds(61).getEpochSecond());
        };
        SdJwtLineageTest.refused(verifier, Reason.VC_EXPIRED, expired.assertion());
        TestVerifier untrustedIssuer = TestVerifier.create(
                Map.of("verifier.fetch.allow-http", "true"),
                "{\"issuers\":[{\"id\":\"" + Scenario.ISSUER_DID
                        + "\",\"credentialTypes\":[\"learcredential.machine.w3c.3\"]}]}");
        Scenario notTrustedForSd1 = untrustedIssuer.sd1Scenario();
        notTrustedForSd1.vcPayload = p -> TokenStatusLists.point(p, uri, 0);
        SdJwtLineageTest.refused(untrustedIssuer, Reason.VC_ISSUER_UNTRUSTED, notTrustedForSd1.assertion());
        assertEquals(0, server.totalHits(), "no status list fetched for a refused credential");
        accepted(0);
        assertEquals(1, server.totalHits());
    }
}
