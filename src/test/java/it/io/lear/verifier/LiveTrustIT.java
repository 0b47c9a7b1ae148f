package it.io.lear.verifier;

import static io.lear.verifier.testsupport.ListServer.Answer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.ListServer;
import io.lear.verifier.testsupport.ListServer.Answer;
import io.lear.verifier.testsupport.PayloadPaths;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.StatusListCredentials;
import io.lear.verifier.testsupport.TestVerifier;
import io.lear.verifier.token.TokenRequest;
import io.lear.verifier.token.TokenService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Profile §7 against live trust sources: real HTTP servers on 127.0.0.1 serve trusted issuer
 * lists, a TIR, participants, registered clients and status list credentials; the verifier's real
 * components fetch them (http allowed for the test; a 10 s timeout, so that a cold first fetch on a busy machine
 * is never mistaken for an outage, and 1 s where a test is about a slow server) and the clock moves past refresh
 * and staleness limits. Every outage must refuse, never accept.
 */
class LiveTrustIT {
    private static final int BITS = 131072;
    private ListServer lists;

    @BeforeEach
    void start() throws Exception {
        lists = new ListServer();
    }

    @AfterEach
    void stop() {
        lists.close();
    }

    private TestVerifier verifier(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "verifier.fetch.allow-http",
                "true",
                "verifier.fetch.timeout",
                "10",
                "verifier.trust.refresh",
                "300",
                "verifier.trust.max-staleness",
                "3600",
                "verifier.revocation.refresh",
                "300",
                "verifier.revocation.max-staleness",
                "1800"));
        settings.putAll(extra);
        return TestVerifier.create(settings, TestVerifier.defaultIssuers());
    }

    private static TokenService.Grant grant(TestVerifier v, Scenario s, String scope) {
        return v.tokens.grant(new TokenRequest(
                s.assertion(), Optional.of(s.machine.did()), Optional.ofNullable(scope), Optional.empty()));
    }

    private static void refused(TestVerifier v, Scenario s, Reason reason, int status) {
        OAuthException e = assertThrows(OAuthException.class, () -> grant(v, s, null));
        assertEquals(reason, e.reason(), e.description());
        assertEquals(status, e.status());
        if (status == 503) {
            assertEquals("temporarily_unavailable", e.error().code());
            assertTrue(e.retryAfterSeconds() != null && e.retryAfterSeconds() > 0);
        }
    }

    private String statusList(TestVerifier v, String purpose, long... set) {
        return StatusListCredentials.sign(
                Scenario.ISSUER_DID,
                purpose,
                StatusListCredentials.encodedList(BITS, set),
                v.rsaIssuer.privateKey(),
                v.pki.x5c(v.rsaIssuer));
    }

    private Scenario withStatus(TestVerifier v, String type, String purpose, Object index, String path) {
        Scenario s = v.scenario();
        s.vcPayload = p -> StatusListCredentials.point(p, type, purpose, index, lists.url(path));
        return s;
    }

    @Test
    void revokedAfterAFirstTokenOnceTheRefreshTimeHasPassed() {
        TestVerifier v = verifier(Map.of());
        lists.answer("/status/1", ok(statusList(v, "revocation")));
        grant(v, withStatus(v, "BitstringStatusListEntry", "revocation", "94323", "/status/1"), null);
        lists.answer("/status/1", ok(statusList(v, "revocation", 94323)));
        v.clock.advance(Duration.ofSeconds(100));
        grant(v, withStatus(v, "BitstringStatusListEntry", "revocation", "94323", "/status/1"), null); // still cached
        v.clock.advance(Duration.ofSeconds(201));
        refused(
                v,
                withStatus(v, "BitstringStatusListEntry", "revocation", "94323", "/status/1"),
                Reason.VC_REVOKED,
                401);
        // Other indexes of the same list stay valid.
        grant(v, withStatus(v, "BitstringStatusListEntry", "revocation", 94322, "/status/1"), null);
    }

    @Test
    void suspensionAndStatusList2021() {
        TestVerifier v = verifier(Map.of());
        lists.answer("/status/s", ok(statusList(v, "suspension", 7)));
        refused(v, withStatus(v, "StatusList2021Entry", "suspension", 7, "/status/s"), Reason.VC_REVOKED, 401);
        grant(v, withStatus(v, "StatusList2021Entry", "suspension", 8, "/status/s"), null);
        // A list of another purpose cannot answer for this one.
        refused(
                v,
                withStatus(v, "StatusList2021Entry", "revocation", 8, "/status/s"),
                Reason.VC_STATUS_UNAVAILABLE,
                503);
        // A purpose the verifier cannot act on is not silently ignored.
        refused(v, withStatus(v, "StatusList2021Entry", "message", 8, "/status/s"), Reason.VC_STATUS_UNAVAILABLE, 503);
    }

    @Test
    void statusListMustBeSignedByTheCredentialIssuer() {
        TestVerifier v = verifier(Map.of());
        // Signed with a key that is not the x5c leaf's.
        lists.answer(
                "/status/forged",
                ok(StatusListCredentials.sign(
                        Scenario.ISSUER_DID,
                        "revocation",
                        StatusListCredentials.encodedList(BITS),
                        io.lear.verifier.testsupport.TestPki.rsa(2048).getPrivate(),
                        v.pki.x5c(v.rsaIssuer))));
        refused(
                v,
                withStatus(v, "BitstringStatusListEntry", "revocation", 3, "/status/forged"),
                Reason.VC_STATUS_UNAVAILABLE,
                503);
        // Properly signed, but by another issuer.
        var other = v.pki.rsaIssuer("VATES-B33333333");
        lists.answer(
                "/status/other",
                ok(StatusListCredentials.sign(
                        "did:elsi:VATES-B33333333",
                        "revocation",
                        StatusListCredentials.encodedList(BITS),
                        other.privateKey(),
                        v.pki.x5c(other))));
        refused(
                v,
                withStatus(v, "BitstringStatusListEntry", "revocation", 3, "/status/other"),
                Reason.VC_STATUS_UNAVAILABLE,
                503);
        refused(
                v,
                withStatus(v, "PlainListEntity", "revocation", 3, "/status/other"),
                Reason.VC_STATUS_UNAVAILABLE,
                503);
    }

    @Test
    void everyKindOfStatusListOutageFailsClosed() throws Exception {
        TestVerifier v = verifier(Map.of("verifier.fetch.timeout", "1"));
        lists.answer("/status/500", Answer.status(500));
        // Answers long after the 1 s timeout; a slower machine only makes it later.
        lists.answer("/status/slow", Answer.slow(statusList(v, "revocation"), 5000));
        lists.answer("/status/huge", Answer.huge(5 * 1024 * 1024));
        lists.answer("/status/redirect", Answer.redirect(lists.url("/status/ok")));
        lists.answer("/status/ok", ok(statusList(v, "revocation")));
        lists.answer("/status/notjwt", ok("{\"not\":\"a jwt\"}"));
        for (String path : List.of(
                "/status/500",
                "/status/slow",
                "/status/huge",
                "/status/redirect",
                "/status/notjwt",
                "/status/missing")) {
            refused(
                    v,
                    withStatus(v, "BitstringStatusListEntry", "revocation", 1, path),
                    Reason.VC_STATUS_UNAVAILABLE,
                    503);
        }
        // A server that is down.
        int port = io.lear.verifier.testsupport.ServerProcess.freePort(); // nothing listens there
        Scenario down = v.scenario();
        down.vcPayload = p -> StatusListCredentials.point(
                p, "BitstringStatusListEntry", "revocation", 1, "http://127.0.0.1:" + port + "/status");
        refused(v, down, Reason.VC_STATUS_UNAVAILABLE, 503);
        // https only, unless allowed: the default policy refuses an http status list outright.
        TestVerifier strict = TestVerifier.create(Map.of());
        Scenario http = strict.scenario();
        http.vcPayload = p ->
                StatusListCredentials.point(p, "BitstringStatusListEntry", "revocation", 1, lists.url("/status/ok"));
        refused(strict, http, Reason.VC_STATUS_UNAVAILABLE, 503);
        assertEquals(0, lists.hits("/status/ok"));
    }

    @Test
    void lastGoodCopyServesUntilMaxStalenessThenFailsClosed() {
        TestVerifier v = verifier(Map.of());
        lists.answer("/status/1", ok(statusList(v, "revocation")));
        grant(v, withStatus(v, "BitstringStatusListEntry", "revocation", 5, "/status/1"), null);
        lists.answer("/status/1", Answer.status(500));
        v.clock.advance(Duration.ofSeconds(1000));
        grant(v, withStatus(v, "BitstringStatusListEntry", "revocation", 5, "/status/1"), null);
        v.clock.advance(Duration.ofSeconds(1000));
        refused(
                v,
                withStatus(v, "BitstringStatusListEntry", "revocation", 5, "/status/1"),
                Reason.VC_STATUS_UNAVAILABLE,
                503);
        lists.answer("/status/1", ok(statusList(v, "revocation")));
        v.clock.advance(Duration.ofSeconds(2));
        grant(v, withStatus(v, "BitstringStatusListEntry", "revocation", 5, "/status/1"), null);
    }

    @Test
    void concurrentRequestsShareOneFetch() throws Exception {
        TestVerifier v = verifier(Map.of());
        lists.answer("/status/shared", Answer.slow(statusList(v, "revocation"), 300));
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            scenarios.add(withStatus(v, "BitstringStatusListEntry", "revocation", i, "/status/shared"));
        }
        List<String> assertions = scenarios.stream().map(Scenario::assertion).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String a = assertions.get(i);
            futures.add(pool.submit(() -> v.authenticator.authenticate(a, Optional.empty())));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertEquals(1, lists.hits("/status/shared"));
    }

    @Test
    void legacyRevokedCredentialsList() {
        lists.answer("/revoked.yaml", ok("revoked_credentials:\n"));
        TestVerifier v = verifier(Map.of("verifier.revocation.list", lists.url("/revoked.yaml")));
        assertTrue(v.trust.statusLists().legacyList().isPresent());
        Scenario s = v.scenario();
        s.vcPayload = p -> PayloadPaths.vc(p).put("id", "urn:uuid:revoked-1");
        grant(v, s, null);
        lists.answer("/revoked.yaml", ok("revoked_credentials:\n  - urn:uuid:other\n  - urn:uuid:revoked-1\n"));
        v.clock.advance(Duration.ofSeconds(301));
        s.now = v.clock.instant();
        refused(v, s, Reason.VC_REVOKED, 401);
    }

    @Test
    void issuerRemovedFromARemoteList() {
        lists.answer("/issuers.json", ok(TestVerifier.defaultIssuers()));
        TestVerifier v = verifier(Map.of("verifier.trust.issuers", lists.url("/issuers.json")));
        grant(v, v.scenario(), null);
        lists.answer("/issuers.json", ok("{\"issuers\":[]}"));
        v.clock.advance(Duration.ofSeconds(301));
        refused(v, v.scenario(), Reason.VC_ISSUER_UNTRUSTED, 401);
        // Then the list server fails: the last good copy (empty) holds, and past the staleness limit, 503.
        lists.answer("/issuers.json", Answer.status(500));
        v.clock.advance(Duration.ofSeconds(3700));
        refused(v, v.scenario(), Reason.TRUST_UNAVAILABLE, 503);
        assertTrue(!v.trust.isReady());
    }

    @Test
    void trustedIssuersRegistry() {
        String entry = tirEntry("LEARCredentialMachine", "2020-01-01T00:00:00Z", "2099-01-01T00:00:00Z");
        lists.answer("/v4/issuers/" + Scenario.ISSUER_DID, ok(entry));
        TestVerifier v = TestVerifier.create(
                Map.of(
                        "verifier.fetch.allow-http",
                        "true",
                        "verifier.fetch.timeout",
                        "10",
                        "verifier.trust.tir-url",
                        lists.url("/v4/issuers/")),
                "{\"issuers\":[]}");
        grant(v, v.scenario(), null);
        lists.answer(
                "/v4/issuers/" + Scenario.ISSUER_DID,
                ok(tirEntry("LEARCredentialMachine", "2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z")));
        v.clock.advance(Duration.ofSeconds(301));
        refused(v, v.scenario(), Reason.VC_ISSUER_UNTRUSTED, 401);
        lists.answer("/v4/issuers/" + Scenario.ISSUER_DID, Answer.status(404));
        v.clock.advance(Duration.ofSeconds(301));
        refused(v, v.scenario(), Reason.VC_ISSUER_UNTRUSTED, 401);
        lists.answer(
                "/v4/issuers/" + Scenario.ISSUER_DID,
                ok(tirEntry("LEARCredentialEmployee", "2020-01-01T00:00:00Z", null)));
        v.clock.advance(Duration.ofSeconds(301));
        refused(v, v.scenario(), Reason.VC_ISSUER_UNTRUSTED, 401);
        // A registry that is down before anything was cached for this issuer: fail closed.
        TestVerifier cold = TestVerifier.create(
                Map.of(
                        "verifier.fetch.allow-http",
                        "true",
                        "verifier.fetch.timeout",
                        "10",
                        "verifier.trust.tir-url",
                        lists.url("/down/")),
                "{\"issuers\":[]}");
        lists.answer("/down/" + Scenario.ISSUER_DID, Answer.status(503));
        refused(cold, cold.scenario(), Reason.TRUST_UNAVAILABLE, 503);
    }

    private static String tirEntry(String type, String from, String to) {
        String body = "{\"credentialsType\":\"" + type + "\",\"validFor\":{\"from\":\"" + from + "\""
                + (to == null ? "" : ",\"to\":\"" + to + "\"") + "},\"claims\":[]}";
        return "{\"did\":\"" + Scenario.ISSUER_DID
                + "\",\"attributes\":[{\"hash\":\"h\",\"issuerType\":\"TI\",\"body\":\""
                + Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "\"}]}";
    }

    @Test
    void participants() {
        lists.answer("/participants.json", ok("{\"participants\":[{\"organizationIdentifier\":\"VATES-B60645900\"}]}"));
        TestVerifier v = verifier(Map.of("verifier.trust.participants", lists.url("/participants.json")));
        grant(v, v.scenario(), null);
        Scenario stranger = v.scenario();
        stranger.vcPayload = p -> PayloadPaths.mandator(p).put("organizationIdentifier", "VATES-B44444444");
        refused(v, stranger, Reason.VC_MANDATOR_UNTRUSTED, 401);
    }

    @Test
    void registeredClients() {
        TestVerifier probe = verifier(Map.of());
        Scenario listed = probe.scenario();
        Scenario noGrant = probe.scenario();
        lists.answer(
                "/clients.yaml",
                ok("clients:\n"
                        + "  - clientId: \"" + listed.machine.did() + "\"\n"
                        + "    authorizationGrantTypes: [\"client_credentials\"]\n"
                        + "    scopes: [\"machine\"]\n"
                        + "    jwkSetUrl: \"https://verifier.example.org/oidc/did/" + listed.machine.did() + "\"\n"
                        + "  - clientId: \"" + noGrant.machine.did() + "\"\n"
                        + "    authorizationGrantTypes: [\"authorization_code\"]\n"
                        + "    scopes: []\n"));
        TestVerifier v = verifier(Map.of("verifier.clients", lists.url("/clients.yaml")));
        assertEquals("machine", grant(v, rebase(v, listed), null).token().scope());
        OAuthException scope = assertThrows(OAuthException.class, () -> grant(v, rebase(v, listed), "learcredential"));
        assertEquals(Reason.SCOPE_NOT_ALLOWED, scope.reason());
        OAuthException grantType = assertThrows(OAuthException.class, () -> grant(v, rebase(v, noGrant), null));
        assertEquals(Reason.GRANT_NOT_ALLOWED, grantType.reason());
        assertEquals("unauthorized_client", grantType.error().code());
        assertEquals(400, grantType.status());
        OAuthException unknown = assertThrows(OAuthException.class, () -> grant(v, v.scenario(), null));
        assertEquals(Reason.CLIENT_NOT_REGISTERED, unknown.reason());
        assertEquals(400, unknown.status());
    }

    /** The same machine, with a credential from this verifier's PKI. */
    private static Scenario rebase(TestVerifier v, Scenario s) {
        Scenario r = v.scenario();
        r.machine = s.machine;
        return r;
    }

    private Scenario withStatuses(TestVerifier v, Map<String, Object>... entries) {
        Scenario s = v.scenario();
        s.vcPayload = p -> StatusListCredentials.pointAll(p, List.of(entries));
        return s;
    }

    private Map<String, Object> entry(String type, String purpose, long index, String path) {
        return StatusListCredentials.entry(type, purpose, index, lists.url(path));
    }

    @Test
    void setBitInASecondStatusEntryRevokes() {
        TestVerifier v = verifier(Map.of());
        lists.answer("/status/s", ok(statusList(v, "suspension")));
        lists.answer("/status/r", ok(statusList(v, "revocation", 9)));
        refused(
                v,
                withStatuses(
                        v,
                        entry("BitstringStatusListEntry", "suspension", 9, "/status/s"),
                        entry("BitstringStatusListEntry", "revocation", 9, "/status/r")),
                Reason.VC_REVOKED,
                401);
    }

    @Test
    void unsupportedSecondStatusEntryFailsClosed() {
        TestVerifier v = verifier(Map.of());
        lists.answer("/status/r", ok(statusList(v, "revocation")));
        refused(
                v,
                withStatuses(
                        v,
                        entry("BitstringStatusListEntry", "revocation", 9, "/status/r"),
                        entry("PlainListEntity", "revocation", 9, "/status/r")),
                Reason.VC_STATUS_UNAVAILABLE,
                503);
    }

    @Test
    void everyClearStatusEntryIsGranted() {
        TestVerifier v = verifier(Map.of());
        lists.answer("/status/s", ok(statusList(v, "suspension", 8)));
        lists.answer("/status/r", ok(statusList(v, "revocation", 8)));
        grant(
                v,
                withStatuses(
                        v,
                        entry("BitstringStatusListEntry", "suspension", 9, "/status/s"),
                        entry("StatusList2021Entry", "revocation", 9, "/status/r")),
                null);
        assertEquals(1, lists.hits("/status/s"));
        assertEquals(1, lists.hits("/status/r"));
    }

    @Test
    void statusIndexOutsideTheListFailsClosed() {
        TestVerifier v = verifier(Map.of());
        lists.answer("/status/r", ok(statusList(v, "revocation")));
        refused(
                v,
                withStatus(v, "BitstringStatusListEntry", "revocation", BITS, "/status/r"),
                Reason.VC_STATUS_UNAVAILABLE,
                503);
    }

    private String datedStatusList(TestVerifier v, String member, String date) {
        return StatusListCredentials.sign(
                Scenario.ISSUER_DID,
                "revocation",
                StatusListCredentials.encodedList(BITS),
                v.rsaIssuer.privateKey(),
                v.pki.x5c(v.rsaIssuer),
                vc -> vc.put(member, date));
    }

    @Test
    void expiredStatusListCredentialFailsClosed() {
        TestVerifier v = verifier(Map.of());
        lists.answer(
                "/status/old",
                ok(datedStatusList(
                        v, "validUntil", v.clock.instant().minusSeconds(120).toString())));
        refused(
                v,
                withStatus(v, "BitstringStatusListEntry", "revocation", 3, "/status/old"),
                Reason.VC_STATUS_UNAVAILABLE,
                503);
    }

    @Test
    void statusListCredentialNotYetValidFailsClosed() {
        TestVerifier v = verifier(Map.of());
        lists.answer(
                "/status/new",
                ok(datedStatusList(
                        v, "validFrom", v.clock.instant().plusSeconds(120).toString())));
        refused(
                v,
                withStatus(v, "BitstringStatusListEntry", "revocation", 3, "/status/new"),
                Reason.VC_STATUS_UNAVAILABLE,
                503);
    }

    @Test
    void cachedStatusListThatExpiresMeanwhileFailsClosed() {
        TestVerifier v = verifier(Map.of());
        lists.answer(
                "/status/short",
                ok(datedStatusList(
                        v, "validUntil", v.clock.instant().plusSeconds(100).toString())));
        grant(v, withStatus(v, "BitstringStatusListEntry", "revocation", 3, "/status/short"), null);
        v.clock.advance(Duration.ofSeconds(200)); // within the refresh period: the cached copy is used, and is expired
        refused(
                v,
                withStatus(v, "BitstringStatusListEntry", "revocation", 3, "/status/short"),
                Reason.VC_STATUS_UNAVAILABLE,
                503);
    }

    @Test
    void theSameAssertionRetriedAfterA503IsJudgedAfresh() {
        TestVerifier v = verifier(Map.of());
        lists.answer("/status/flaky", Answer.status(503));
        Scenario s = withStatus(v, "BitstringStatusListEntry", "revocation", 3, "/status/flaky");
        TokenRequest request =
                new TokenRequest(s.assertion(), Optional.of(s.machine.did()), Optional.empty(), Optional.empty());
        OAuthException down = assertThrows(OAuthException.class, () -> v.tokens.grant(request));
        assertEquals(Reason.VC_STATUS_UNAVAILABLE, down.reason());
        assertTrue(down.retryAfterSeconds() != null && down.retryAfterSeconds() > 0);

        lists.answer("/status/flaky", ok(statusList(v, "revocation")));
        v.clock.advance(Duration.ofSeconds(down.retryAfterSeconds()));
        v.tokens.grant(request); // the very same assertion, as a client honouring Retry-After sends it
        OAuthException replay = assertThrows(OAuthException.class, () -> v.tokens.grant(request));
        assertEquals(Reason.ASSERTION_REPLAYED, replay.reason());
    }

    @Test
    void readinessIsDownOnceTheTrustDocumentIsPastItsStalenessLimit() {
        lists.answer("/issuers.json", ok(TestVerifier.defaultIssuers()));
        TestVerifier v = verifier(Map.of("verifier.trust.issuers", lists.url("/issuers.json")));
        v.trust.warmUp(); // as the application does at start
        assertTrue(v.trust.isReady());
        lists.answer("/issuers.json", Answer.status(500));
        v.clock.advance(Duration.ofSeconds(3599));
        assertTrue(v.trust.isReady(), "within max-staleness the last good copy keeps the verifier ready");
        v.clock.advance(Duration.ofSeconds(2));
        assertFalse(v.trust.isReady(), "past max-staleness (3600 s) with no fresh copy");
    }

    @Test
    void readinessComesBackWithTheTrustDocumentWithoutAnyTokenRequest() {
        lists.answer("/issuers.json", ok(TestVerifier.defaultIssuers()));
        TestVerifier v = verifier(Map.of("verifier.trust.issuers", lists.url("/issuers.json")));
        v.trust.warmUp();
        lists.answer("/issuers.json", Answer.status(500));
        v.clock.advance(Duration.ofSeconds(3601));
        assertFalse(v.trust.isReady());
        lists.answer("/issuers.json", ok(TestVerifier.defaultIssuers()));
        v.clock.advance(Duration.ofSeconds(2)); // past the back-off after the failed attempt
        v.trust.isReady(); // the probe starts the refresh (this test's executor runs it at once)
        assertTrue(v.trust.isReady());
    }

    private Scenario withEntry(TestVerifier v, java.util.function.Consumer<Map<String, Object>> change) {
        Scenario s = v.scenario();
        s.vcPayload = p -> {
            Map<String, Object> entry =
                    StatusListCredentials.entry("BitstringStatusListEntry", "revocation", 3, lists.url("/status/r"));
            change.accept(entry);
            StatusListCredentials.pointAll(p, List.of(entry));
        };
        return s;
    }

    @Test
    void statusEntryWithoutAListFailsClosed() {
        TestVerifier v = verifier(Map.of());
        lists.answer("/status/r", ok(statusList(v, "revocation")));
        refused(v, withEntry(v, e -> e.remove("statusListCredential")), Reason.VC_STATUS_UNAVAILABLE, 503);
    }

    @Test
    void statusEntryWithoutAnIndexFailsClosed() {
        TestVerifier v = verifier(Map.of());
        lists.answer("/status/r", ok(statusList(v, "revocation")));
        refused(v, withEntry(v, e -> e.remove("statusListIndex")), Reason.VC_STATUS_UNAVAILABLE, 503);
    }

    private void listWithout(TestVerifier v, String member) {
        lists.answer(
                "/status/r",
                ok(StatusListCredentials.sign(
                        Scenario.ISSUER_DID,
                        "revocation",
                        StatusListCredentials.encodedList(BITS),
                        v.rsaIssuer.privateKey(),
                        v.pki.x5c(v.rsaIssuer),
                        vc -> {
                            if (member.equals("credentialSubject")) {
                                vc.remove(member);
                            } else {
                                ((Map<?, ?>) vc.get("credentialSubject")).remove(member);
                            }
                        })));
    }

    @Test
    void statusListCredentialWithoutSubjectFailsClosed() {
        TestVerifier v = verifier(Map.of());
        listWithout(v, "credentialSubject");
        refused(v, withEntry(v, e -> {}), Reason.VC_STATUS_UNAVAILABLE, 503);
    }

    @Test
    void statusListCredentialWithoutPurposeFailsClosed() {
        TestVerifier v = verifier(Map.of());
        listWithout(v, "statusPurpose");
        refused(v, withEntry(v, e -> {}), Reason.VC_STATUS_UNAVAILABLE, 503);
    }

    @Test
    void statusListCredentialWithoutEncodedListFailsClosed() {
        TestVerifier v = verifier(Map.of());
        listWithout(v, "encodedList");
        refused(v, withEntry(v, e -> {}), Reason.VC_STATUS_UNAVAILABLE, 503);
    }

    @Test
    void suspendedAndRevokedCredentialsAreToldApart() {
        TestVerifier v = verifier(Map.of());
        lists.answer("/status/s", ok(statusList(v, "suspension", 7)));
        lists.answer("/status/r", ok(statusList(v, "revocation", 7)));
        OAuthException suspended = assertThrows(
                OAuthException.class,
                () -> grant(v, withStatus(v, "BitstringStatusListEntry", "suspension", 7, "/status/s"), null));
        assertEquals("credential is suspended", suspended.description());
        OAuthException revoked = assertThrows(
                OAuthException.class,
                () -> grant(v, withStatus(v, "BitstringStatusListEntry", "revocation", 7, "/status/r"), null));
        assertEquals("credential is revoked", revoked.description());
    }

    @Test
    void statusListMetricsCountListsAgeAndFailures() {
        TestVerifier v = verifier(Map.of());
        lists.answer("/status/a", ok(statusList(v, "revocation")));
        lists.answer("/status/b", Answer.status(500));
        grant(v, withStatus(v, "BitstringStatusListEntry", "revocation", 1, "/status/a"), null);
        refused(
                v,
                withStatus(v, "BitstringStatusListEntry", "revocation", 1, "/status/b"),
                Reason.VC_STATUS_UNAVAILABLE,
                503);
        v.clock.advance(Duration.ofSeconds(100));
        assertEquals(2, v.trust.statusLists().cachedCount());
        assertEquals(100, v.trust.statusLists().maxAgeSeconds());
        assertEquals(1, v.trust.statusLists().fetchFailures());
        assertTrue(v.trust.statusLists().legacyList().isEmpty());
    }

    @Test
    void aNewlyFetchedListThatIsAlreadyExpiredDoesNotReplaceTheGoodCopy() {
        TestVerifier v = verifier(Map.of());
        lists.answer(
                "/status/x",
                ok(datedStatusList(
                        v, "validUntil", v.clock.instant().plusSeconds(3600).toString())));
        grant(v, withStatus(v, "BitstringStatusListEntry", "revocation", 3, "/status/x"), null);
        lists.answer(
                "/status/x",
                ok(datedStatusList(
                        v, "validUntil", v.clock.instant().minusSeconds(120).toString())));
        v.clock.advance(Duration.ofSeconds(301)); // due: the reload fetches the expired list and keeps the good copy
        grant(v, withStatus(v, "BitstringStatusListEntry", "revocation", 3, "/status/x"), null);
        assertEquals(2, lists.hits("/status/x"));
    }
}
