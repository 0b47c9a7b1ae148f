package io.lear.verifier.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.client.InMemoryReplayGuard;
import io.lear.verifier.dpop.DpopProofVerifier;
import io.lear.verifier.testsupport.DpopProofs;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestMachine;
import io.lear.verifier.testsupport.TestVerifier;
import io.lear.verifier.token.TokenRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the sample API checks for a DPoP-bound token (profile §17, RFC 9449 §7), without a container. */
class DpopResourceCheckTest {
    private static final String URL = TestVerifier.ISSUER + "/api/sample/whoami";
    private static final String PATH = "api/sample/whoami";
    private final TestVerifier v = TestVerifier.create();
    private final DpopResourceCheck check = new DpopResourceCheck(
            new SampleTokens(v.config, v.keys, v.clock),
            new DpopProofVerifier(v.clock, v.config.clockSkew(), v.config.dpopMaxAge()),
            new InMemoryReplayGuard(v.clock, 10),
            v.config.issuer());
    private final Scenario s = v.scenario();

    private String token(boolean bound) {
        Optional<String> proof = bound
                ? Optional.of(new DpopProofs(s.machine, TestVerifier.ISSUER + "/oidc/token", v.clock.instant()).proof())
                : Optional.empty();
        return v.tokens
                .grant(new TokenRequest(
                        s.assertion(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), proof))
                .token()
                .accessToken();
    }

    private DpopProofs proof(String token) {
        DpopProofs p = new DpopProofs(s.machine, URL, v.clock.instant());
        p.htm = "GET";
        p.accessToken = token;
        return p;
    }

    private void refused(String error, String token, List<String> proofs) {
        DpopResourceCheck.Refused e =
                assertThrows(DpopResourceCheck.Refused.class, () -> check.verify(token, proofs, "GET", PATH));
        assertEquals(error, e.error());
    }

    @Test
    void aBoundTokenWithAProofOfItsKeyForThisRequestIsAccepted() {
        String token = token(true);
        assertEquals(
                s.machine.did(),
                check.verify(token, List.of(proof(token).proof()), "GET", PATH).get("sub"));
    }

    @Test
    void eachProofRuleRefusesWithInvalidDpopProof() {
        String token = token(true);
        refused("invalid_dpop_proof", token, List.of());
        refused(
                "invalid_dpop_proof",
                token,
                List.of(proof(token).proof(), proof(token).proof()));
        refused("invalid_dpop_proof", token, List.of(proof(token + "x").proof()));
        DpopProofs noAth = proof(null);
        refused("invalid_dpop_proof", token, List.of(noAth.proof()));
        DpopProofs other = proof(token);
        other.signer = TestMachine.p256();
        refused("invalid_dpop_proof", token, List.of(other.proof()));
        DpopProofs post = proof(token);
        post.htm = "POST";
        refused("invalid_dpop_proof", token, List.of(post.proof()));
        DpopProofs otherPath = proof(token);
        otherPath.htu = TestVerifier.ISSUER + "/api/sample/onboarding";
        refused("invalid_dpop_proof", token, List.of(otherPath.proof()));
        DpopProofs old = proof(token);
        old.iat = v.clock.instant().minusSeconds(400);
        refused("invalid_dpop_proof", token, List.of(old.proof()));
    }

    @Test
    void aProofIsUsedOnce() {
        String token = token(true);
        String p = proof(token).proof();
        check.verify(token, List.of(p), "GET", PATH);
        refused("invalid_dpop_proof", token, List.of(p));
    }

    @Test
    void anUnboundOrForgedTokenIsAnInvalidTokenUnderTheDpopScheme() {
        String unbound = token(false);
        refused("invalid_token", unbound, List.of(proof(unbound).proof()));
        refused("invalid_token", "not.a.token", List.of(proof("not.a.token").proof()));
    }

    @Test
    void aBoundTokenSentAsBearerIsRefusedAnUnboundOneIsNot() {
        DpopResourceCheck.refuseBoundBearer("Bearer " + token(false));
        DpopResourceCheck.refuseBoundBearer(null);
        DpopResourceCheck.Refused e = assertThrows(
                DpopResourceCheck.Refused.class, () -> DpopResourceCheck.refuseBoundBearer("Bearer " + token(true)));
        assertEquals("invalid_token", e.error());
        assertThrows(
                DpopResourceCheck.Refused.class, () -> DpopResourceCheck.refuseBoundBearer("bearer  " + token(true)));
    }

    @Test
    void schemesAreReadWithoutCase() {
        assertEquals(Optional.of("t"), DpopResourceCheck.dpopToken("DPoP t"));
        assertEquals(Optional.of("t"), DpopResourceCheck.dpopToken("dpop t"));
        assertEquals(Optional.empty(), DpopResourceCheck.dpopToken("Bearer t"));
        assertEquals(Optional.empty(), DpopResourceCheck.dpopToken("DPoP"));
        assertEquals(Optional.empty(), DpopResourceCheck.dpopToken(null));
    }
}
