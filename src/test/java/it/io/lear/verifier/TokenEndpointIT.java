package it.io.lear.verifier;

import static it.io.lear.verifier.ItServer.JWT_BEARER;
import static it.io.lear.verifier.ItServer.form;
import static it.io.lear.verifier.ItServer.json;
import static it.io.lear.verifier.ItServer.postToken;
import static it.io.lear.verifier.ItServer.scenario;
import static it.io.lear.verifier.ItServer.tokenForm;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestJwts;
import io.lear.verifier.testsupport.TestMachine;
import io.lear.verifier.testsupport.TestPki;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/** POST /oidc/token against a real Liberty: the happy paths and one request per refusal reason. */
@ExtendWith(ArquillianExtension.class)
class TokenEndpointIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItServer.war();
    }

    @Test
    void issuesTokenVerifiableAgainstJwks() throws Exception {
        Scenario s = scenario();
        HttpResponse<String> r = postToken(tokenForm(s.machine.did(), s.assertion()));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
        assertTrue(r.headers().firstValue("X-Request-Id").isPresent());
        Map<String, Object> body = json(r);
        assertEquals("Bearer", body.get("token_type"));
        assertEquals(3600L, ((Number) body.get("expires_in")).longValue());
        assertEquals("machine learcredential", body.get("scope"));
        assertFalse(body.containsKey("refresh_token"));
        assertFalse(body.containsKey("id_token"));

        HttpsJwks jwks = new HttpsJwks(ItServer.BASE + "/oidc/jwks");
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .setExpectedIssuer(ItServer.BASE)
                .setExpectedAudience(ItServer.BASE)
                .setExpectedType(true, "at+jwt")
                .setRequireExpirationTime()
                .setRequireJwtId()
                .build();
        JwtClaims claims = consumer.processToClaims((String) body.get("access_token"));
        assertEquals(s.machine.did(), claims.getSubject());
        assertEquals(s.machine.did(), claims.getClaimValue("client_id"));
        assertEquals(List.of("DOME/Onboarding/Execute"), claims.getStringListClaimValue("groups"));
        assertEquals("VATES-B60645900", claims.getClaimValue("organization_identifier"));
        assertNotNull(claims.getClaimValue("credential_id"));
        assertNotNull(claims.getClaimValue("vc"));
        assertEquals(
                3600,
                claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
    }

    /** Profile §16.6: the request exactly as the EUDIStack Java client sends it, with its X-Tenant header. */
    @Test
    void issuesW3c3TokenToTheEudiStackRequestWithTenant() throws Exception {
        Scenario s = ItServer.w3c3Scenario();
        HttpResponse<String> r = ItServer.postToken(tokenForm(s.machine.did(), s.assertion()), "X-Tenant", "DOME");
        assertEquals(200, r.statusCode(), r.body());
        String accessToken = (String) json(r).get("access_token");
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKeyResolver(
                        new HttpsJwksVerificationKeyResolver(new HttpsJwks(ItServer.BASE + "/oidc/jwks")))
                .setExpectedIssuer(ItServer.BASE)
                .setExpectedAudience(ItServer.BASE)
                .setExpectedType(true, "at+jwt")
                .build()
                .processToClaims(accessToken);
        assertEquals(s.machine.did(), claims.getSubject());
        assertEquals("learcredential.machine.w3c.3", claims.getClaimValue("credential_type"));
        assertEquals("dome", claims.getClaimValue("tenant"));
        assertEquals(List.of("DOME/Onboarding/Execute"), claims.getStringListClaimValue("groups"));
        @SuppressWarnings("unchecked")
        Map<String, Object> vc = (Map<String, Object>) claims.getClaimValue("vc");
        assertEquals(List.of("VerifiableCredential", "learcredential.machine.w3c.3"), vc.get("type"));
        assertTrue(vc.containsKey("cnf"), "the payload itself");
        HttpResponse<String> whoami = ItServer.get("/api/sample/whoami", accessToken);
        assertEquals(200, whoami.statusCode(), whoami.body());
        assertEquals("learcredential.machine.w3c.3", json(whoami).get("credential_type"));
        assertEquals("dome", json(whoami).get("tenant"));
        assertEquals(200, ItServer.get("/api/sample/onboarding", accessToken).statusCode());
    }

    /** Profile §16.3, §16.6: an SD-JWT VC in vp.verifiableCredential of the EUDIStack-shaped request. */
    @Test
    void issuesSd1TokenWithTheDisclosedVc() throws Exception {
        Scenario s = ItServer.sd1Scenario();
        s.keyBinding = true;
        HttpResponse<String> r = ItServer.postToken(tokenForm(s.machine.did(), s.assertion()), "X-Tenant", "DOME");
        assertEquals(200, r.statusCode(), r.body());
        String accessToken = (String) json(r).get("access_token");
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKeyResolver(
                        new HttpsJwksVerificationKeyResolver(new HttpsJwks(ItServer.BASE + "/oidc/jwks")))
                .setExpectedIssuer(ItServer.BASE)
                .setExpectedAudience(ItServer.BASE)
                .setExpectedType(true, "at+jwt")
                .build()
                .processToClaims(accessToken);
        assertEquals("learcredential.machine.sd.1", claims.getClaimValue("credential_type"));
        assertEquals("dome", claims.getClaimValue("tenant"));
        assertEquals(List.of("DOME/Onboarding/Execute"), claims.getStringListClaimValue("groups"));
        @SuppressWarnings("unchecked")
        Map<String, Object> vc = (Map<String, Object>) claims.getClaimValue("vc");
        @SuppressWarnings("unchecked")
        Map<String, Object> mandate = (Map<String, Object>) vc.get("mandate");
        assertEquals(s.machine.did(), ((Map<?, ?>) mandate.get("mandatee")).get("id"));
        assertFalse(mandate.containsKey("_sd") || mandate.containsKey("_sd_alg"), "the disclosed view");
        assertEquals(200, ItServer.get("/api/sample/onboarding", accessToken).statusCode());

        Scenario forged = ItServer.sd1Scenario();
        forged.sdSent = d -> d.set(0, io.lear.verifier.testsupport.SdJwts.disclosure("mandatee", Map.of("id", "x")));
        expect(
                ItServer.postToken(tokenForm(forged.machine.did(), forged.assertion())),
                401,
                "invalid_client",
                "vc_signature_invalid");
    }

    @Test
    void refusesTenantsThatDoNotFit() {
        Scenario mismatch = ItServer.w3c3Scenario();
        expect(
                ItServer.postToken(tokenForm(mismatch.machine.did(), mismatch.assertion()), "X-Tenant", "other"),
                401,
                "invalid_client",
                "tenant_mismatch");
        Scenario syntax = ItServer.w3c3Scenario();
        expect(
                ItServer.postToken(tokenForm(syntax.machine.did(), syntax.assertion()), "X-Tenant", "do/me"),
                400,
                "invalid_request",
                "malformed_request");
        Scenario twice = ItServer.w3c3Scenario();
        expect(
                ItServer.postToken(
                        tokenForm(twice.machine.did(), twice.assertion()), "X-Tenant", "DOME", "X-Tenant", "DOME"),
                400,
                "invalid_request",
                "malformed_request");
    }

    @Test
    void legacyTokenNamesItsLineage() throws Exception {
        Scenario s = scenario();
        HttpResponse<String> r = postToken(tokenForm(s.machine.did(), s.assertion()));
        assertEquals(200, r.statusCode(), r.body());
        String payload = ((String) json(r).get("access_token")).split("\\.")[1];
        JwtClaims claims = JwtClaims.parse(
                new String(java.util.Base64.getUrlDecoder().decode(payload), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("LEARCredentialMachine", claims.getClaimValue("credential_type"));
        assertTrue(claims.getClaimValue("vc") instanceof Map, "vc is a JSON object");
        assertFalse(claims.hasClaim("tenant"));
    }

    @Test
    void acceptsV1CredentialFromEcSealAndResourceAudience() throws Exception {
        Scenario s = ItServer.ecScenario();
        s.v1 = true;
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "client_credentials");
        params.put("client_assertion_type", JWT_BEARER);
        params.put("client_assertion", s.assertion());
        params.put("scope", "machine");
        params.put("resource", "https://api.example.org");
        HttpResponse<String> r = postToken(form(params));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("machine", json(r).get("scope"));
        String payload = (String) json(r).get("access_token");
        JwtClaims claims = JwtClaims.parse(new String(
                java.util.Base64.getUrlDecoder().decode(payload.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(List.of("https://api.example.org"), claims.getAudience());
    }

    @Test
    void refusesReplay() {
        Scenario s = scenario();
        String body = tokenForm(s.machine.did(), s.assertion());
        assertEquals(200, postToken(body).statusCode());
        expect(postToken(body), 401, "invalid_client", "assertion_replayed");
    }

    @Test
    void refusesBadRequestsWith400() {
        Scenario s = scenario();
        String a = s.assertion();
        String did = s.machine.did();
        String base = "grant_type=client_credentials&client_assertion_type=" + ItServer.enc(JWT_BEARER)
                + "&client_assertion=" + ItServer.enc(a);
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> expect(postToken(base + "&x=%zz"), 400, "invalid_request", "malformed_request"));
        checks.add(
                () -> expect(postToken("grant_type=client_credentials"), 400, "invalid_request", "missing_parameter"));
        checks.add(() -> expect(
                postToken(base + "&grant_type=client_credentials"), 400, "invalid_request", "duplicate_parameter"));
        checks.add(() -> expect(
                ItServer.post(ItServer.TOKEN, "application/x-www-form-urlencoded", base, "Basic YTpi"),
                400,
                "invalid_request",
                "multiple_client_auth"));
        checks.add(() ->
                expect(postToken(base + "&client_secret=s3cret"), 400, "invalid_request", "multiple_client_auth"));
        checks.add(() -> expect(
                postToken(base.replace(ItServer.enc(JWT_BEARER), "urn%3Aexample%3Aother")),
                400,
                "invalid_request",
                "unsupported_assertion_type"));
        checks.add(() -> expect(
                postToken(base + "&pad=" + "a".repeat(128 * 1024)), 400, "invalid_request", "request_too_large"));
        checks.add(() -> expect(
                postToken(base.replace("client_credentials", "password")),
                400,
                "unsupported_grant_type",
                "unsupported_grant_type"));
        checks.add(() -> expect(postToken(base + "&scope=admin"), 400, "invalid_scope", "scope_not_allowed"));
        checks.add(() -> expect(
                postToken(base + "&resource=https%3A%2F%2Fevil.example"),
                400,
                "invalid_target",
                "resource_not_allowed"));
        checks.add(() -> expect(
                ItServer.post(ItServer.TOKEN, "application/json", "{}", null),
                415,
                "invalid_request",
                "unsupported_media_type"));
        checks.add(() -> expect(
                ItServer.send(
                        HttpRequest.newBuilder(URI.create(ItServer.TOKEN)).GET().build()),
                405,
                "invalid_request",
                "method_not_allowed"));
        checks.add(() -> expect(
                ItServer.send(HttpRequest.newBuilder(URI.create(ItServer.TOKEN))
                        .PUT(HttpRequest.BodyPublishers.ofString(tokenForm(did, a)))
                        .build()),
                405,
                "invalid_request",
                "method_not_allowed"));
        assertAll(checks);
    }

    @Test
    void refusesEveryClientAuthenticationFailureWith401() {
        TestPki.Issued intermediate = ItServer.load("intermediate");
        Map<String, Supplier<String>> cases = new LinkedHashMap<>();
        cases.put("assertion_malformed", () -> "not-a-jwt");
        cases.put(
                "assertion_alg_not_allowed",
                () -> TestJwts.unsigned(
                        TestJwts.header("HS256"), Map.of("iss", "did:key:zX", "sub", "did:key:zX"), "c2ln"));
        cases.put(
                "assertion_key_unresolvable",
                () -> assertion(p -> {
                    p.put("iss", "did:web:example.org");
                    p.put("sub", "did:web:example.org");
                }));
        cases.put("assertion_signature_invalid", () -> {
            String[] parts = scenario().assertion().split("\\.");
            String other = scenario().assertion().split("\\.")[2];
            return parts[0] + "." + parts[1] + "." + other;
        });
        cases.put(
                "assertion_subject_mismatch",
                () -> assertion(p -> p.put("sub", TestMachine.p256().did())));
        cases.put("assertion_audience_invalid", () -> assertion(p -> p.put("aud", "https://elsewhere.example")));
        cases.put("assertion_expired", () -> assertion(p -> p.put("exp", now() - 120)));
        cases.put("assertion_not_yet_valid", () -> assertion(p -> p.put("nbf", now() + 300)));
        cases.put("assertion_lifetime_too_long", () -> assertion(p -> p.put("exp", now() + 3600)));
        cases.put("assertion_jti_missing", () -> assertion(p -> p.remove("jti")));
        cases.put("vp_missing", () -> assertion(p -> p.remove("vp_token")));
        cases.put("vp_malformed", () -> assertion(p -> p.put("vp_token", "bm90IGEgand0")));
        cases.put("vp_signature_invalid", () -> {
            Scenario s = scenario();
            String[] vp = s.presentation(s.credential()).split("\\.");
            String foreign = TestJwts.sign(
                            TestJwts.header("ES256"),
                            Map.of("a", 1),
                            TestMachine.p256().keys().getPrivate())
                    .split("\\.")[2];
            return s.assertionWith(vp[0] + "." + vp[1] + "." + foreign);
        });
        cases.put(
                "vp_holder_mismatch",
                () -> vp(p -> p.put("iss", TestMachine.p256().did())));
        cases.put("vp_expired", () -> vp(p -> p.put("exp", now() - 120)));
        cases.put("vp_not_yet_valid", () -> vp(p -> p.put("nbf", now() + 300)));
        cases.put("vp_audience_invalid", () -> vp(p -> p.put("aud", "https://elsewhere.example")));
        cases.put("vp_no_machine_credential", () -> {
            Scenario s = scenario();
            s.vcPayload = p -> ((Map<String, Object>) p.get("vc")).put("type", List.of("LEARCredentialEmployee"));
            String employee = s.credential();
            return s.assertionWith(s.presentation(employee, employee));
        });
        cases.put("vc_malformed", () -> vc(p -> ((Map<String, Object>) p.get("vc")).remove("credentialSubject")));
        cases.put(
                "vc_type_invalid",
                () -> vc(p -> ((Map<String, Object>) p.get("vc"))
                        .put("type", List.of("VerifiableCredential", "LEARCredentialEmployee"))));
        cases.put("vc_alg_not_allowed", () -> {
            Scenario s = scenario();
            String vc = TestJwts.unsigned(
                    TestJwts.header("HS256"),
                    Scenario.Credentials.v2(Scenario.ISSUER_DID, s.machine.did(), Instant.now()),
                    "c2ln");
            return s.assertionWith(s.presentation(vc));
        });
        cases.put("vc_signature_invalid", () -> {
            Scenario s = scenario();
            s.issuerCert = new TestPki.Issued(
                    s.issuerCert.certificate(), TestPki.rsa(2048).getPrivate());
            return s.assertion();
        });
        cases.put("vc_certificate_untrusted", () -> {
            Scenario s = scenario();
            TestPki.Issued forged = TestPki.selfSigned(Scenario.ORG);
            s.issuerCert = forged;
            s.x5c = List.of(forged.x5c());
            return s.assertion();
        });
        cases.put("vc_certificate_mismatch", () -> {
            TestPki.Issued other = leaf(intermediate, "VATES-B22222222");
            Scenario s = new Scenario(other, List.of(other.x5c(), intermediate.x5c()), ItServer.BASE);
            return s.assertion(); // issuer stays did:elsi:VATES-Q0000000J
        });
        cases.put("vc_issuer_untrusted", () -> {
            TestPki.Issued other = leaf(intermediate, "VATES-B22222222");
            Scenario s = new Scenario(other, List.of(other.x5c(), intermediate.x5c()), ItServer.BASE);
            s.issuerId = "did:elsi:VATES-B22222222";
            return s.assertion();
        });
        cases.put("vc_expired", () -> vc(p -> p.put("exp", now() - 120)));
        cases.put(
                "vc_not_yet_valid",
                () -> vc(p -> ((Map<String, Object>) p.get("vc"))
                        .put("validFrom", Instant.now().plus(1, ChronoUnit.DAYS).toString())));
        cases.put(
                "vc_holder_mismatch",
                () -> vc(p -> p.put("sub", TestMachine.p256().did())));

        List<Executable> checks = new ArrayList<>();
        for (Map.Entry<String, Supplier<String>> c : cases.entrySet()) {
            checks.add(() -> {
                String assertion = c.getValue().get();
                String body = form(Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_assertion_type",
                        JWT_BEARER,
                        "client_assertion",
                        assertion));
                expect(postToken(body), 401, "invalid_client", c.getKey());
            });
        }
        assertAll(checks);
    }

    private static TestPki.Issued leaf(TestPki.Issued ca, String org) {
        return TestPki.leaf(
                ca,
                org,
                TestPki.rsa(2048),
                Instant.now().minus(1, ChronoUnit.DAYS),
                Instant.now().plus(30, ChronoUnit.DAYS));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String assertion(Consumer<Map<String, Object>> change) {
        Scenario s = scenario();
        s.assertionPayload = change;
        return s.assertion();
    }

    private static String vp(Consumer<Map<String, Object>> change) {
        Scenario s = scenario();
        s.vpPayload = change;
        return s.assertion();
    }

    private static String vc(Consumer<Map<String, Object>> change) {
        Scenario s = scenario();
        s.vcPayload = change;
        return s.assertion();
    }

    static void expect(HttpResponse<String> r, int status, String error, String reason) {
        Map<String, Object> body = json(r);
        assertEquals(status, r.statusCode(), reason + ": " + r.body());
        assertEquals(error, body.get("error"), reason + ": " + r.body());
        assertEquals(reason, body.get("reason"), r.body());
        assertNotNull(body.get("error_description"));
        assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("no-store"), reason + " no-store");
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }
}
