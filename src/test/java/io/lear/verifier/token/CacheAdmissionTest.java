package io.lear.verifier.token;

import static io.lear.verifier.testsupport.PayloadPaths.mandatee;
import static io.lear.verifier.testsupport.PayloadPaths.vc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestMachine;
import io.lear.verifier.testsupport.TestVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Profile §15.2, issue 20: a request adds cache entries (its client's did:key, the seal's certificates, the
 * validated chain) only when it is granted; every refusal after the assertion signature leaves every cache as it was.
 */
class CacheAdmissionTest {
    /** did:keys, certificates, chains. */
    private static List<Long> sizes(TestVerifier v) {
        return List.of(
                v.dids.size(),
                v.trust.issuerSignatures().cachedCertificates(),
                v.trust.issuerSignatures().cachedChains());
    }

    private static void refusedLeavesNothing(
            TestVerifier v,
            Scenario s,
            Optional<String> scope,
            Optional<String> tenant,
            int status,
            String error,
            Reason reason) {
        List<Long> before = sizes(v);
        TokenRequest r = new TokenRequest(s.assertion(), Optional.empty(), scope, Optional.empty(), tenant);
        OAuthException e = assertThrows(OAuthException.class, () -> v.tokens.grant(r));
        assertEquals(reason, e.reason(), e.description());
        assertEquals(status, e.status());
        assertEquals(error, e.error().code());
        assertEquals(before, sizes(v), "a refused request changed a cache");
    }

    private static void refusedLeavesNothing(TestVerifier v, Consumer<Scenario> change, Reason reason) {
        Scenario s = v.scenario();
        change.accept(s);
        refusedLeavesNothing(v, s, Optional.empty(), Optional.empty(), 401, "invalid_client", reason);
    }

    private static TokenRequest request(Scenario s) {
        return new TokenRequest(s.assertion(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void aGrantedRequestAddsItsDidKeyCertificatesAndChain() {
        TestVerifier v = TestVerifier.create();
        assertEquals(List.of(0L, 0L, 0L), sizes(v));
        v.tokens.grant(request(v.scenario()));
        assertEquals(List.of(1L, 2L, 1L), sizes(v));
        v.tokens.grant(request(v.scenario()));
        assertEquals(List.of(2L, 2L, 1L), sizes(v));
    }

    @Test
    void refusalsOfTheVpLeaveNothing() {
        TestVerifier v = TestVerifier.create();
        refusedLeavesNothing(
                v, s -> s.vpPayload = p -> p.put("aud", "https://elsewhere.example.org"), Reason.VP_AUDIENCE_INVALID);
    }

    @Test
    void refusalsAfterTheCredentialSignatureAndPathLeaveNothing() {
        TestVerifier v = TestVerifier.create();
        refusedLeavesNothing(
                v,
                s -> s.vcPayload = p -> vc(p).put(
                                "validUntil",
                                v.clock.instant().minusSeconds(3600).toString()),
                Reason.VC_EXPIRED);
        refusedLeavesNothing(
                v,
                s -> s.vcPayload = p -> mandatee(p).put("id", TestMachine.p256().did()),
                Reason.VC_HOLDER_MISMATCH);
        Scenario s = v.scenario();
        refusedLeavesNothing(
                v, s, Optional.empty(), Optional.of("other"), 401, "invalid_client", Reason.TENANT_MISMATCH);
    }

    @Test
    void anUntrustedIssuersRefusalLeavesNothing() {
        TestVerifier v = TestVerifier.withIssuers("{\"issuers\":[]}");
        refusedLeavesNothing(v, s -> {}, Reason.VC_ISSUER_UNTRUSTED);
    }

    @Test
    void registrationAndScopeRefusalsLeaveNothing() throws Exception {
        Scenario registered = TestVerifierScenarios.fresh();
        Path clients = Files.createTempFile("clients", ".yaml");
        Files.writeString(
                clients,
                "clients:\n  - clientId: \"" + registered.machine.did()
                        + "\"\n    authorizationGrantTypes: [client_credentials]\n    scopes: [machine]\n");
        TestVerifier v = TestVerifier.create(Map.of("verifier.clients", clients.toString()));
        // Before the change, the "remember before registration" mutation kept this client's did:key.
        refusedLeavesNothing(
                v,
                v.scenario(),
                Optional.empty(),
                Optional.empty(),
                400,
                "unauthorized_client",
                Reason.CLIENT_NOT_REGISTERED);
        Scenario s = v.scenario();
        s.machine = registered.machine;
        refusedLeavesNothing(
                v, s, Optional.of("learcredential"), Optional.empty(), 400, "invalid_scope", Reason.SCOPE_NOT_ALLOWED);
        Scenario ok = v.scenario();
        ok.machine = registered.machine;
        v.tokens.grant(request(ok));
        assertEquals(List.of(1L, 2L, 1L), sizes(v));
    }

    @Test
    void aReplayedAssertionOfAnotherClientLeavesNothing() {
        TestVerifier v = TestVerifier.create();
        Scenario s = v.scenario();
        String assertion = s.assertion();
        v.replay.firstUse(s.machine.did(), jti(assertion), v.clock.instant().plusSeconds(600));
        List<Long> before = sizes(v);
        OAuthException e = assertThrows(
                OAuthException.class,
                () -> v.tokens.grant(
                        new TokenRequest(assertion, Optional.empty(), Optional.empty(), Optional.empty())));
        assertEquals(Reason.ASSERTION_REPLAYED, e.reason());
        assertEquals(401, e.status());
        assertEquals("invalid_client", e.error().code());
        assertEquals(before, sizes(v));
    }

    private static String jti(String assertion) {
        String payload = new String(
                java.util.Base64.getUrlDecoder().decode(assertion.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        try {
            return (String) org.jose4j.json.JsonUtil.parseJson(payload).get("jti");
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A machine to register before the verifier exists. */
    private static final class TestVerifierScenarios {
        static Scenario fresh() {
            return TestVerifier.create().scenario();
        }
    }
}
