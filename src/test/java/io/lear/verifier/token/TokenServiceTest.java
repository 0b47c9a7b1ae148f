package io.lear.verifier.token;

import static io.lear.verifier.testsupport.PayloadPaths.vc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestVerifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

/** The grant end to end in-process: scope, resource and the access token's claims (profile §8, §9). */
class TokenServiceTest {
    private final TestVerifier verifier = TestVerifier.create(
            Map.of("verifier.token.resources", "https://api.example.org", "verifier.token.lifetime", "1800"));

    private TokenRequest request(Scenario s, String scope, String resource) {
        return new TokenRequest(
                s.assertion(), Optional.of(s.machine.did()), Optional.ofNullable(scope), Optional.ofNullable(resource));
    }

    private JwtClaims verify(String token, String audience) throws Exception {
        return new JwtConsumerBuilder()
                .setVerificationKey(verifier.keys.activePublicKey())
                .setJwsAlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setExpectedType(true, "at+jwt")
                .setExpectedIssuer(TestVerifier.ISSUER)
                .setExpectedAudience(audience)
                .setEvaluationTime(org.jose4j.jwt.NumericDate.fromSeconds(
                        verifier.clock.instant().getEpochSecond()))
                .build()
                .processToClaims(token);
    }

    @Test
    void issuesEveryProfileClaim() throws Exception {
        Scenario s = verifier.scenario();
        Map<String, Object> sentVc = new java.util.LinkedHashMap<>();
        s.vcPayload = p -> {
            vc(p).put("id", "urn:uuid:0f6a2b1c-credential-under-test");
            sentVc.putAll(vc(p));
        };
        TokenService.Grant grant = verifier.tokens.grant(request(s, null, null));
        assertEquals("machine learcredential", grant.token().scope());
        assertEquals(1800, grant.token().expiresIn());
        JwtClaims c = verify(grant.token().accessToken(), TestVerifier.ISSUER);
        assertEquals(s.machine.did(), c.getSubject());
        assertEquals(s.machine.did(), c.getClaimValue("client_id"));
        assertEquals("machine learcredential", c.getClaimValue("scope"));
        assertEquals(List.of("DOME/Onboarding/Execute"), c.getStringListClaimValue("groups"));
        assertEquals("VATES-B60645900", c.getClaimValue("organization_identifier"));
        assertEquals(1800, c.getExpirationTime().getValue() - c.getIssuedAt().getValue());
        assertEquals("urn:uuid:0f6a2b1c-credential-under-test", c.getClaimValue("credential_id"));
        assertEquals(sentVc, c.getClaimValue("vc"));
    }

    @Test
    void tokenNamesItsSigningKeyAndType() throws Exception {
        TokenService.Grant grant = verifier.tokens.grant(request(verifier.scenario(), null, null));
        var header = org.jose4j.json.JsonUtil.parseJson(new String(
                java.util.Base64.getUrlDecoder()
                        .decode(grant.token().accessToken().split("\\.")[0]),
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(verifier.keys.activeKeyId(), header.get("kid"));
        assertEquals("at+jwt", header.get("typ"));
        assertEquals("ES256", header.get("alg"));
    }

    @Test
    void tokenTypeJwtForRuntimesThatInsistOnIt() throws Exception {
        TestVerifier jwt = TestVerifier.create(Map.of("verifier.token.typ", "JWT"));
        TokenService.Grant grant = jwt.tokens.grant(request(jwt.scenario(), null, null));
        var header = org.jose4j.json.JsonUtil.parseJson(new String(
                java.util.Base64.getUrlDecoder()
                        .decode(grant.token().accessToken().split("\\.")[0]),
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("JWT", header.get("typ"));
    }

    @Test
    void scopeAndResource() throws Exception {
        TokenService.Grant g =
                verifier.tokens.grant(request(verifier.scenario(), "learcredential", "https://api.example.org"));
        assertEquals("learcredential", g.token().scope());
        verify(g.token().accessToken(), "https://api.example.org");
        for (String bad : List.of("admin", "machine admin", "machine  learcredential", "machine\"")) {
            OAuthException e = assertThrows(
                    OAuthException.class, () -> verifier.tokens.grant(request(verifier.scenario(), bad, null)));
            assertEquals(Reason.SCOPE_NOT_ALLOWED, e.reason());
            assertEquals(400, e.status());
            assertEquals("invalid_scope", e.error().code());
        }
        OAuthException e = assertThrows(
                OAuthException.class,
                () -> verifier.tokens.grant(request(verifier.scenario(), null, "https://evil.example")));
        assertEquals(Reason.RESOURCE_NOT_ALLOWED, e.reason());
        assertEquals("invalid_target", e.error().code());
    }

    @Test
    void embeddedCredentialCanBeSwitchedOff() throws Exception {
        TestVerifier plain = TestVerifier.create(Map.of("verifier.token.embed-vc", "false"));
        TokenService.Grant g = plain.tokens.grant(
                new TokenRequest(plain.scenario().assertion(), Optional.empty(), Optional.empty(), Optional.empty()));
        JwtClaims c = JwtClaims.parse(new String(
                java.util.Base64.getUrlDecoder().decode(g.token().accessToken().split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8));
        assertFalse(c.hasClaim("vc"));
    }

    private OAuthException refusedGrant(TestVerifier v, String assertion) {
        return assertThrows(
                OAuthException.class,
                () -> v.tokens.grant(
                        new TokenRequest(assertion, Optional.empty(), Optional.empty(), Optional.empty())));
    }

    private static TokenRequest request(String assertion) {
        return new TokenRequest(assertion, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void twoAssertionsOfOneClientWithTheirOwnJtisAreBothGranted() {
        Scenario s = verifier.scenario();
        verifier.tokens.grant(request(s.assertion()));
        verifier.tokens.grant(request(s.assertion()));
    }

    @Test
    void secondUseOfAnAssertionIsReplayed() {
        String assertion = verifier.scenario().assertion();
        verifier.tokens.grant(request(assertion));
        OAuthException e = refusedGrant(verifier, assertion);
        assertEquals(Reason.ASSERTION_REPLAYED, e.reason());
        assertEquals(401, e.status());
        assertEquals("invalid_client", e.error().code());
    }

    @Test
    void sameJtiOfAnotherClientIsThatClientsOwn() {
        Scenario first = verifier.scenario();
        Scenario second = verifier.scenario();
        first.assertionPayload = p -> p.put("jti", "shared-jti");
        second.assertionPayload = p -> p.put("jti", "shared-jti");
        verifier.tokens.grant(request(first.assertion()));
        verifier.tokens.grant(request(second.assertion()));
        assertEquals(2, verifier.replay.size());
    }

    @Test
    void authenticatedAssertionWithABadPresentationLeavesNoReplayEntry() {
        Scenario s = verifier.scenario();
        for (int i = 0; i < 50; i++) {
            s.assertionPayload = p -> p.put("jti", "j".repeat(256) + Math.random());
            assertEquals(
                    Reason.ASSERTION_JTI_TOO_LONG,
                    refusedGrant(verifier, s.assertion()).reason());
        }
        Scenario flood = verifier.scenario();
        for (int i = 0; i < 50; i++) {
            assertEquals(
                    Reason.VP_MALFORMED,
                    refusedGrant(verifier, flood.assertionWith("x")).reason());
        }
        assertEquals(0, verifier.replay.size());
    }

    @Test
    void onlyAGrantedClientsDidKeyIsKeptForItsNextRequest() {
        Scenario refused = verifier.scenario();
        assertEquals(
                Reason.VP_MALFORMED,
                refusedGrant(verifier, refused.assertionWith("x")).reason());
        String stranger = refused.machine.did();
        assertNotSame(verifier.dids.resolve(stranger), verifier.dids.resolve(stranger));
        Scenario granted = verifier.scenario();
        verifier.tokens.grant(request(granted.assertion()));
        String client = granted.machine.did();
        assertSame(verifier.dids.resolve(client), verifier.dids.resolve(client));
        assertNotSame(verifier.dids.resolve(stranger), verifier.dids.resolve(stranger));
    }

    @Test
    void unregisteredClientLeavesNoReplayEntryAndItsRetryIsJudgedAfresh() throws Exception {
        java.nio.file.Path clients = java.nio.file.Path.of(TestVerifier.write("clients.yaml", "clients: []\n"));
        TestVerifier v =
                TestVerifier.create(Map.of("verifier.clients", clients.toString(), "verifier.trust.refresh", "1"));
        Scenario s = v.scenario();
        String assertion = s.assertion();
        OAuthException e = refusedGrant(v, assertion);
        assertEquals(Reason.CLIENT_NOT_REGISTERED, e.reason());
        assertEquals(s.machine.did(), e.clientId());
        assertEquals(0, v.replay.size());
        java.nio.file.Files.writeString(
                clients,
                "clients:\n  - clientId: \"" + s.machine.did()
                        + "\"\n    authorizationGrantTypes: [client_credentials]\n    scopes: []\n");
        v.clock.advance(java.time.Duration.ofSeconds(2));
        v.tokens.grant(request(assertion));
        assertEquals(1, v.replay.size());
    }

    @Test
    void fullReplayStoreRefusesWithRetryAfter() {
        TestVerifier v = TestVerifier.create(Map.of("verifier.replay.max-entries", "1"));
        v.tokens.grant(request(v.scenario().assertion()));
        OAuthException e = refusedGrant(v, v.scenario().assertion());
        assertEquals(Reason.REPLAY_STORE_UNAVAILABLE, e.reason());
        assertEquals(503, e.status());
        assertEquals("temporarily_unavailable", e.error().code());
        assertEquals(5, e.retryAfterSeconds());
    }
}
