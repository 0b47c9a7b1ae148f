package io.lear.verifier.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.DpopProofs;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestMachine;
import io.lear.verifier.testsupport.TestVerifier;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

/** DPoP at the token endpoint (profile §17): bound tokens, the client-key rule, order, replay and the two modes. */
class DpopTokenTest {
    private static final String TOKEN_ENDPOINT = TestVerifier.ISSUER + "/oidc/token";
    private final TestVerifier verifier = TestVerifier.create();

    private DpopProofs proofs(Scenario s) {
        return new DpopProofs(s.machine, TOKEN_ENDPOINT, verifier.clock.instant());
    }

    private static TokenRequest request(String assertion, String proof) {
        return new TokenRequest(
                assertion,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.ofNullable(proof));
    }

    private OAuthException refused(TestVerifier v, String assertion, String proof) {
        return assertThrows(OAuthException.class, () -> v.tokens.grant(request(assertion, proof)));
    }

    static void assertDpop(Reason reason, OAuthException e) {
        assertEquals(400, e.status());
        assertEquals("invalid_dpop_proof", e.error().code());
        assertEquals(reason, e.reason());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(String jwt) throws Exception {
        return JsonUtil.parseJson(
                new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    @Test
    void aProofSignedByTheClientsDidKeyBindsTheTokenToThatKey() throws Exception {
        Scenario s = verifier.scenario();
        TokenService.Grant grant =
                verifier.tokens.grant(request(s.assertion(), proofs(s).proof()));
        String jkt = PublicJsonWebKey.Factory.newPublicJwk(s.machine.keys().getPublic())
                .calculateBase64urlEncodedThumbprint("SHA-256");
        assertEquals(Map.of("jkt", jkt), payload(grant.token().accessToken()).get("cnf"));
        assertEquals("DPoP", grant.tokenType());
        assertEquals(Optional.of(jkt), grant.jkt());
    }

    @Test
    void withoutAProofTheTokenIsAnUnboundBearerTokenAsBefore() throws Exception {
        Scenario s = verifier.w3c3Scenario(); // the EUDIStack client sends no DPoP header
        TokenService.Grant grant = verifier.tokens.grant(request(s.assertion(), null));
        assertFalse(payload(grant.token().accessToken()).containsKey("cnf"));
        assertEquals("Bearer", grant.tokenType());
    }

    @Test
    void anEd25519MachineBindsItsTokenToo() {
        Scenario s = verifier.scenario();
        s.machine = TestMachine.ed25519();
        assertEquals(
                "DPoP",
                verifier.tokens.grant(request(s.assertion(), proofs(s).proof())).tokenType());
    }

    @Test
    void aProofByAnyOtherKeyIsAKeyMismatch() {
        Scenario s = verifier.scenario();
        DpopProofs other = proofs(s);
        other.signer = TestMachine.p256();
        OAuthException e = refused(verifier, s.assertion(), other.proof());
        assertDpop(Reason.DPOP_KEY_MISMATCH, e);
        assertEquals(s.machine.did(), e.clientId());
    }

    @Test
    void aProofForAnotherUriOrMethodIsInvalid() {
        Scenario s = verifier.scenario();
        DpopProofs otherUri = proofs(s);
        otherUri.htu = TestVerifier.ISSUER + "/api/sample/whoami";
        assertDpop(Reason.DPOP_PROOF_INVALID, refused(verifier, s.assertion(), otherUri.proof()));
        DpopProofs get = proofs(s);
        get.htm = "GET";
        assertDpop(Reason.DPOP_PROOF_INVALID, refused(verifier, s.assertion(), get.proof()));
        DpopProofs old = proofs(s);
        old.iat = verifier.clock.instant().minusSeconds(300 + 60 + 1);
        assertDpop(Reason.DPOP_PROOF_INVALID, refused(verifier, s.assertion(), old.proof()));
    }

    @Test
    void theProofIsCheckedAfterTheAssertionSignatureAndBeforeTheVp() {
        Scenario s = verifier.scenario();
        s.assertionPayload = p -> p.put("aud", "https://elsewhere.example");
        assertEquals(
                Reason.ASSERTION_AUDIENCE_INVALID,
                refused(verifier, s.assertion(), "garbage").reason());
        Scenario badVp = verifier.scenario();
        badVp.vpEncoding = vp -> "not a VP";
        assertDpop(Reason.DPOP_PROOF_INVALID, refused(verifier, badVp.assertion(), "garbage"));
    }

    @Test
    void aReplayedProofIsRefusedAndTheFreshAssertionWithItStaysUsable() {
        Scenario s = verifier.scenario();
        String proof = proofs(s).proof();
        verifier.tokens.grant(request(s.assertion(), proof));
        String fresh = s.assertion();
        assertDpop(Reason.DPOP_PROOF_REPLAYED, refused(verifier, fresh, proof));
        // nothing of the refused request was kept: its assertion still gets a token, with a new proof
        assertEquals(
                "DPoP", verifier.tokens.grant(request(fresh, proofs(s).proof())).tokenType());
    }

    @Test
    void aReplayedAssertionWithAFreshProofIsAnAssertionReplayAndLeavesTheProofUnused() {
        Scenario s = verifier.scenario();
        String assertion = s.assertion();
        verifier.tokens.grant(request(assertion, proofs(s).proof()));
        String proof = proofs(s).proof();
        OAuthException e = refused(verifier, assertion, proof);
        assertEquals(Reason.ASSERTION_REPLAYED, e.reason());
        assertEquals(401, e.status());
        verifier.tokens.grant(request(s.assertion(), proof));
    }

    @Test
    void aRefusedRequestLeavesNeitherJti() {
        Scenario s = verifier.scenario();
        DpopProofs p = proofs(s);
        Scenario unregistered = verifier.scenario();
        unregistered.machine = s.machine;
        unregistered.vcPayload =
                c -> io.lear.verifier.testsupport.PayloadPaths.vc(c).put("type", List.of("Other"));
        int before = verifier.replay.size();
        refused(verifier, unregistered.assertion(), p.proof());
        assertEquals(before, verifier.replay.size());
        verifier.tokens.grant(request(s.assertion(), p.proof()));
    }

    @Test
    void requiredModeRefusesARequestWithoutAProof() {
        TestVerifier required = TestVerifier.create(Map.of("verifier.dpop", "required"));
        Scenario s = required.scenario();
        assertDpop(Reason.DPOP_PROOF_MISSING, refused(required, s.assertion(), null));
        DpopProofs p = new DpopProofs(s.machine, TOKEN_ENDPOINT, required.clock.instant());
        assertEquals(
                "DPoP", required.tokens.grant(request(s.assertion(), p.proof())).tokenType());
    }

    @Test
    void maxAgeIsConfigurable() {
        TestVerifier strict = TestVerifier.create(Map.of("verifier.dpop.max-age", "10", "verifier.clock-skew", "0"));
        Scenario s = strict.scenario();
        DpopProofs p =
                new DpopProofs(s.machine, TOKEN_ENDPOINT, strict.clock.instant().minusSeconds(11));
        assertDpop(Reason.DPOP_PROOF_INVALID, refused(strict, s.assertion(), p.proof()));
        p.iat = strict.clock.instant().minusSeconds(9); // iat is whole seconds: 9 s and a fraction old
        strict.tokens.grant(request(s.assertion(), p.proof()));
    }

    @Test
    void theResourceAnswersTokenTypeDpopAndRefusesTwoDpopHeaders() throws Exception {
        TokenAudit audit = new TokenAudit();
        audit.metrics = new TokenMetrics() {
            @Override
            public void record(String outcome, String reason, String credentialType, long startedNanos) {}
        };
        TokenResource resource = new TokenResource(verifier.tokens, audit);
        Scenario s = verifier.scenario();
        String form = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode(TokenRequest.CLIENT_ASSERTION_TYPE_JWT_BEARER, StandardCharsets.UTF_8)
                + "&client_assertion=";
        String proof = proofs(s).proof();
        Map<String, Object> json = JsonUtil.parseJson(resource.decide(
                "application/x-www-form-urlencoded",
                false,
                List.of(),
                List.of(proof),
                new ByteArrayInputStream((form + s.assertion()).getBytes(StandardCharsets.US_ASCII)),
                "r"));
        assertEquals("DPoP", json.get("token_type"));
        OAuthException two = assertThrows(
                OAuthException.class,
                () -> resource.decide(
                        "application/x-www-form-urlencoded",
                        false,
                        List.of(),
                        List.of(proofs(s).proof(), proofs(s).proof()),
                        new ByteArrayInputStream((form + s.assertion()).getBytes(StandardCharsets.US_ASCII)),
                        "r"));
        assertDpop(Reason.DPOP_PROOF_INVALID, two);
        assertTrue(true);
    }
}
