package it.io.lear.verifier;

import static it.io.lear.verifier.ItServer.BASE;
import static it.io.lear.verifier.ItServer.json;
import static it.io.lear.verifier.ItServer.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.testsupport.DpopProofs;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestMachine;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DPoP on Liberty (profile §17): a bound token at the token endpoint, and at the sample API only with the DPoP scheme
 * and a fresh proof of the client's key; a thief holding the token alone gets 401.
 */
@ExtendWith(ArquillianExtension.class)
class DpopIT {
    private static final String WHOAMI = BASE + "/api/sample/whoami";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItServer.war();
    }

    private static DpopProofs proofs(TestMachine m, String htm, String htu) {
        DpopProofs p = new DpopProofs(m, htu, Instant.now());
        p.htm = htm;
        return p;
    }

    private static HttpResponse<String> tokenRequest(Scenario s, String... headers) {
        return ItServer.postToken(ItServer.tokenForm(s.machine.did(), s.assertion()), headers);
    }

    private static String boundToken(Scenario s) {
        var r = tokenRequest(
                s, "DPoP", proofs(s.machine, "POST", ItServer.TOKEN).proof());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("DPoP", json(r).get("token_type"));
        return (String) json(r).get("access_token");
    }

    private static HttpResponse<String> call(String url, String authorization, String... dpop) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (String p : dpop) {
            b.header("DPoP", p);
        }
        return ItServer.send(b.build());
    }

    private static String resourceProof(Scenario s, String token, String url) {
        DpopProofs p = proofs(s.machine, "GET", url);
        p.accessToken = token;
        return p.proof();
    }

    private static void assertRefused(int status, String error, String reason, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        Map<String, Object> body = json(r);
        assertEquals(error, body.get("error"));
        assertEquals(reason, body.get("reason"));
    }

    private static void assertChallenge(String error, HttpResponse<String> r) {
        assertEquals(401, r.statusCode(), r.body());
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith("DPoP") && challenge.contains("error=\"" + error + "\""), challenge);
    }

    @Test
    void aBoundTokenWorksWithTheDpopSchemeAndAFreshProof() {
        Scenario s = scenario();
        String token = boundToken(s);
        var r = call(WHOAMI, "DPoP " + token, resourceProof(s, token, WHOAMI));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(s.machine.did(), json(r).get("client_id"));
        assertEquals("DPoP", json(r).get("token_type"));
        String onboarding = BASE + "/api/sample/onboarding";
        assertEquals(
                200,
                call(onboarding, "DPoP " + token, resourceProof(s, token, onboarding))
                        .statusCode());
    }

    @Test
    void aThiefWithTheTokenAloneGets401() {
        Scenario s = scenario();
        String token = boundToken(s);
        assertChallenge("invalid_token", call(WHOAMI, "Bearer " + token));
        assertChallenge("invalid_dpop_proof", call(WHOAMI, "DPoP " + token));
        // a proof by the thief's own key
        DpopProofs thief = proofs(TestMachine.p256(), "GET", WHOAMI);
        thief.accessToken = token;
        assertChallenge("invalid_dpop_proof", call(WHOAMI, "DPoP " + token, thief.proof()));
    }

    @Test
    void wrongAthOtherUriReplayedOrTwoProofsAreRefused() {
        Scenario s = scenario();
        String token = boundToken(s);
        assertChallenge("invalid_dpop_proof", call(WHOAMI, "DPoP " + token, resourceProof(s, token + "x", WHOAMI)));
        assertChallenge(
                "invalid_dpop_proof",
                call(WHOAMI, "DPoP " + token, resourceProof(s, token, BASE + "/api/sample/onboarding")));
        String proof = resourceProof(s, token, WHOAMI);
        assertEquals(200, call(WHOAMI, "DPoP " + token, proof).statusCode());
        assertChallenge("invalid_dpop_proof", call(WHOAMI, "DPoP " + token, proof));
        assertChallenge(
                "invalid_dpop_proof",
                call(WHOAMI, "DPoP " + token, resourceProof(s, token, WHOAMI), resourceProof(s, token, WHOAMI)));
    }

    @Test
    void unboundTokensKeepWorkingAsBearerButNotAsDpop() {
        Scenario s = scenario();
        String bearer = ItServer.token(s);
        assertEquals(200, call(WHOAMI, "Bearer " + bearer).statusCode());
        assertChallenge("invalid_token", call(WHOAMI, "DPoP " + bearer, resourceProof(s, bearer, WHOAMI)));
    }

    @Test
    void theTokenEndpointRefusesBadProofsWithTheirReasons() {
        Scenario s = scenario();
        assertRefused(
                400,
                "invalid_dpop_proof",
                "dpop_key_mismatch",
                tokenRequest(
                        s,
                        "DPoP",
                        proofs(TestMachine.p256(), "POST", ItServer.TOKEN).proof()));
        assertRefused(
                400,
                "invalid_dpop_proof",
                "dpop_proof_invalid",
                tokenRequest(s, "DPoP", proofs(s.machine, "POST", WHOAMI).proof()));
        assertRefused(
                400,
                "invalid_dpop_proof",
                "dpop_proof_invalid",
                tokenRequest(
                        s,
                        "DPoP",
                        proofs(s.machine, "POST", ItServer.TOKEN).proof(),
                        "DPoP",
                        proofs(s.machine, "POST", ItServer.TOKEN).proof()));
        String proof = proofs(s.machine, "POST", ItServer.TOKEN).proof();
        assertEquals(200, tokenRequest(s, "DPoP", proof).statusCode());
        assertRefused(400, "invalid_dpop_proof", "dpop_proof_replayed", tokenRequest(s, "DPoP", proof));
    }

    @Test
    void metadataNamesTheProofAlgorithms() {
        var r = ItServer.get("/.well-known/oauth-authorization-server", null);
        assertEquals(List.of("ES256", "EdDSA"), json(r).get("dpop_signing_alg_values_supported"));
    }
}
