package io.lear.verifier.token;

import static io.lear.verifier.testsupport.PayloadPaths.mandate;
import static io.lear.verifier.testsupport.PayloadPaths.mandatee;
import static io.lear.verifier.testsupport.PayloadPaths.vc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestMachine;
import io.lear.verifier.testsupport.TestVerifier;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

/**
 * The grant for every lineage with {@code X-Tenant} (profile §16.4) and the token that says which lineage it was
 * (§16.5): {@code credential_type}, {@code tenant}, {@code vc} as an object.
 */
class LineageTokenTest {
    private final TestVerifier verifier = TestVerifier.create();

    /** The request as TokenResource reads it: the form body and the X-Tenant headers. */
    private static TokenRequest request(Scenario s, List<String> tenantHeaders) {
        String body =
                "grant_type=client_credentials&client_id=" + s.machine.did().replace(":", "%3A")
                        + "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
                        + "&client_assertion=" + s.assertion();
        return TokenRequest.from(
                "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.US_ASCII), false, tenantHeaders);
    }

    private JwtClaims grant(Scenario s, List<String> tenantHeaders) throws Exception {
        String token = verifier.tokens.grant(request(s, tenantHeaders)).token().accessToken();
        return new JwtConsumerBuilder()
                .setVerificationKey(verifier.keys.activePublicKey())
                .setJwsAlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setExpectedAudience(TestVerifier.ISSUER)
                .setEvaluationTime(org.jose4j.jwt.NumericDate.fromSeconds(
                        verifier.clock.instant().getEpochSecond()))
                .build()
                .processToClaims(token);
    }

    private void refused(Reason reason, int status, String error, Scenario s, List<String> tenantHeaders) {
        OAuthException e = assertThrows(OAuthException.class, () -> verifier.tokens.grant(request(s, tenantHeaders)));
        assertEquals(reason, e.reason(), e.description());
        assertEquals(status, e.status());
        assertEquals(error, e.error().code());
    }

    @Test
    void w3c3TokenNamesItsLineageTenantAndCarriesThePayloadAsVc() throws Exception {
        Scenario s = verifier.w3c3Scenario();
        Map<String, Object> sent = new LinkedHashMap<>();
        s.vcPayload = p -> sent.putAll(p);
        JwtClaims c = grant(s, List.of("DOME"));
        assertEquals("learcredential.machine.w3c.3", c.getClaimValue("credential_type"));
        assertEquals("dome", c.getClaimValue("tenant"));
        assertEquals(s.machine.did(), c.getSubject());
        assertEquals(List.of("DOME/Onboarding/Execute"), c.getStringListClaimValue("groups"));
        assertEquals("VATES-B60645900", c.getClaimValue("organization_identifier"));
        assertEquals(sent.get("id"), c.getClaimValue("credential_id"));
        assertEquals(sent, c.getClaimValue("vc"));
    }

    @Test
    void legacyTokenNamesItsLineageAndCarriesTheVcClaimAsAnObject() throws Exception {
        Scenario s = verifier.scenario();
        Map<String, Object> sent = new LinkedHashMap<>();
        s.vcPayload = p -> sent.putAll(vc(p));
        JwtClaims c = grant(s, List.of());
        assertEquals("LEARCredentialMachine", c.getClaimValue("credential_type"));
        assertEquals(sent, c.getClaimValue("vc"));
        assertFalse(c.hasClaim("tenant"));
    }

    @Test
    void tenantMatchesAPowerDomainIgnoringCase() throws Exception {
        Scenario s = verifier.w3c3Scenario();
        s.vcPayload = p -> mandate(p)
                .put(
                        "power",
                        List.of(
                                Map.of(
                                        "type",
                                        "domain",
                                        "domain",
                                        "DOME",
                                        "function",
                                        "Onboarding",
                                        "action",
                                        "Execute"),
                                Map.of(
                                        "type",
                                        "domain",
                                        "domain",
                                        "Acme.Market_1",
                                        "function",
                                        "ProductOffering",
                                        "action",
                                        List.of("Create"))));
        assertEquals("acme.market_1", grant(s, List.of("aCME.mARKET_1")).getClaimValue("tenant"));
    }

    @Test
    void tenantOnALegacyCredentialToo() throws Exception {
        assertEquals("dome", grant(verifier.scenario(), List.of("dome")).getClaimValue("tenant"));
    }

    @Test
    void tenantNamingNoPowerDomainIsRefused() {
        refused(Reason.TENANT_MISMATCH, 401, "invalid_client", verifier.w3c3Scenario(), List.of("other"));
        // Neither the mandator's organizationIdentifier nor the mandatee's domain is a tenant.
        refused(Reason.TENANT_MISMATCH, 401, "invalid_client", verifier.w3c3Scenario(), List.of("VATES-B60645900"));
        refused(Reason.TENANT_MISMATCH, 401, "invalid_client", verifier.w3c3Scenario(), List.of("api.example.com"));
    }

    @Test
    void tenantCaseFoldingIsAsciiOnly() {
        // U+212A KELVIN SIGN lower-cases to 'k' in Unicode: it must not make "Key" equal the tenant "key".
        Scenario s = verifier.w3c3Scenario();
        s.vcPayload = p -> mandate(p)
                .put(
                        "power",
                        List.of(Map.of(
                                "type",
                                "domain",
                                "domain",
                                "\u212Aey",
                                "function",
                                "Onboarding",
                                "action",
                                "Execute")));
        refused(Reason.TENANT_MISMATCH, 401, "invalid_client", s, List.of("key"));
    }

    @Test
    void tenantIsCheckedAfterTheHolderBinding() {
        Scenario s = verifier.w3c3Scenario();
        String other = TestMachine.p256().did();
        s.vcPayload = p -> mandatee(p).put("id", other);
        refused(Reason.VC_HOLDER_MISMATCH, 401, "invalid_client", s, List.of("other"));
    }

    @Test
    void tenantOfBadSyntaxIsAMalformedRequest() {
        for (String bad : List.of("", "do me", "dome/x", "d\u00f6me", "a".repeat(65))) {
            refused(Reason.MALFORMED_REQUEST, 400, "invalid_request", verifier.w3c3Scenario(), List.of(bad));
        }
        refused(Reason.MALFORMED_REQUEST, 400, "invalid_request", verifier.w3c3Scenario(), List.of("DOME", "DOME"));
    }

    @Test
    void withoutTenantNothingChanges() throws Exception {
        assertFalse(grant(verifier.w3c3Scenario(), List.of()).hasClaim("tenant"));
    }
}
