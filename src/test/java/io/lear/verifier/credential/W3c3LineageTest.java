package io.lear.verifier.credential;

import static io.lear.verifier.testsupport.PayloadPaths.mandatee;
import static io.lear.verifier.testsupport.PayloadPaths.subject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.client.AuthenticatedClient;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.ListServer;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.StatusListCredentials;
import io.lear.verifier.testsupport.TestJwts;
import io.lear.verifier.testsupport.TestMachine;
import io.lear.verifier.testsupport.TestVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code learcredential.machine.w3c.3} (profile §16.1, §16.2) as the EUDIStack issuer mints it and the EUDIStack
 * Java client sends it (§16.6): accepted, and refused with the exact reason when one rule is broken.
 */
class W3c3LineageTest {
    private static final String W3C3 = "learcredential.machine.w3c.3";
    private final TestVerifier verifier = TestVerifier.create();

    private AuthenticatedClient authenticate(TestVerifier v, Scenario s) {
        return v.authenticator.authenticate(s.assertion(), Optional.of(s.machine.did()));
    }

    private static void refused(TestVerifier v, Reason reason, String assertion, Optional<String> clientId) {
        OAuthException e = assertThrows(OAuthException.class, () -> v.authenticator.authenticate(assertion, clientId));
        assertEquals(reason, e.reason(), e.description());
        assertEquals(401, e.status());
        assertEquals("invalid_client", e.error().code());
    }

    private void refused(Reason reason, Scenario s) {
        refused(verifier, reason, s.assertion(), Optional.of(s.machine.did()));
    }

    private static String base64(String vp) {
        return Base64.getEncoder().encodeToString(vp.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void acceptsTheCredentialAndRequestAsEudiStackBuildsThem() {
        Scenario s = verifier.w3c3Scenario();
        AuthenticatedClient client = authenticate(verifier, s);
        MachineCredential vc = client.credential();
        assertEquals(W3C3, vc.configurationId());
        assertEquals(s.machine.did(), client.clientId());
        assertEquals(Scenario.ISSUER_DID, vc.issuerId());
        assertEquals(Optional.of(Scenario.ORG), vc.issuerOrganizationIdentifier());
        assertEquals("VATES-B60645900", vc.mandator().organizationIdentifier());
        assertEquals("DOME/Onboarding/Execute", vc.powers().get(0).group());
        assertTrue(vc.subjectId().orElseThrow().startsWith("urn:uuid:"));
        assertTrue(vc.validUntil().isPresent());
        // The token's vc: the payload itself, no vc claim.
        assertEquals(List.of("VerifiableCredential", W3C3), vc.json().get("type"));
    }

    @Test
    void acceptsAnRsaSealAndARootlessChain() {
        Scenario s = new Scenario(verifier.pki, verifier.rsaIssuer, TestVerifier.ISSUER).eudiStack();
        s.now = verifier.clock.instant();
        assertEquals("RS256", s.vcAlg);
        assertEquals(W3C3, authenticate(verifier, s).credential().configurationId());
    }

    // --- cnf (§16.2): required, bound to the client key ---

    @Test
    void cnfJwkWithExtraMembersHasTheSameThumbprint() {
        Scenario s = verifier.w3c3Scenario();
        s.vcPayload = p -> {
            Map<String, Object> jwk = new LinkedHashMap<>(Scenario.publicJwk(s.machine));
            jwk.put("kid", "key-1");
            jwk.put("use", "sig");
            p.put("cnf", Map.of("jwk", jwk));
        };
        authenticate(verifier, s);
    }

    @Test
    void cnfKidNamingTheClientDidBindsWithAndWithoutFragment() {
        Scenario withFragment = verifier.w3c3Scenario();
        withFragment.vcPayload = p -> p.put(
                "cnf",
                Map.of(
                        "kid",
                        withFragment.machine.did() + "#"
                                + withFragment.machine.did().substring("did:key:".length())));
        authenticate(verifier, withFragment);
        Scenario bare = verifier.w3c3Scenario();
        bare.vcPayload = p -> p.put("cnf", Map.of("kid", bare.machine.did()));
        authenticate(verifier, bare);
    }

    @Test
    void cnfJwkOfAnotherKeyIsRefused() {
        Scenario s = verifier.w3c3Scenario();
        s.vcPayload = p -> p.put("cnf", Map.of("jwk", Scenario.publicJwk(TestMachine.p256())));
        refused(Reason.VC_HOLDER_MISMATCH, s);
    }

    @Test
    void cnfKidNamingAnotherDidIsRefused() {
        Scenario s = verifier.w3c3Scenario();
        String other = TestMachine.p256().did();
        s.vcPayload = p -> p.put("cnf", Map.of("kid", other + "#" + other.substring("did:key:".length())));
        refused(Reason.VC_HOLDER_MISMATCH, s);
    }

    @Test
    void cnfBindingNoClientKeyIsRefused() {
        Scenario s = verifier.w3c3Scenario();
        s.vcPayload = p -> p.put("cnf", Map.of("x5c", List.of("MIIB")));
        refused(Reason.VC_HOLDER_MISMATCH, s);
    }

    @Test
    void cnfMissingIsMalformed() {
        Scenario s = verifier.w3c3Scenario();
        s.vcPayload = p -> p.remove("cnf");
        refused(Reason.VC_MALFORMED, s);
    }

    @Test
    void cnfNotAnObjectIsMalformed() {
        Scenario s = verifier.w3c3Scenario();
        s.vcPayload = p -> p.put("cnf", "did:key:zDnae");
        refused(Reason.VC_MALFORMED, s);
    }

    @Test
    void legacyCredentialStillNeedsNoCnf() {
        authenticate(verifier, verifier.scenario());
    }

    @Test
    void stolenCredentialPresentedByAnotherMachineIsRefused() {
        Scenario victim = verifier.w3c3Scenario();
        String stolen = victim.credential();
        Scenario thief = verifier.w3c3Scenario();
        refused(
                verifier,
                Reason.VC_HOLDER_MISMATCH,
                thief.assertionWith(base64(thief.presentation(stolen))),
                Optional.of(thief.machine.did()));
    }

    @Test
    void credentialNamingTheClientButBindingAnotherKeyIsRefused() {
        // The mandatee is the presenting machine, but cnf names someone else's key: cnf alone refuses.
        Scenario s = verifier.w3c3Scenario();
        TestMachine owner = TestMachine.p256();
        s.vcPayload = p -> p.put("cnf", Map.of("jwk", Scenario.publicJwk(owner)));
        refused(Reason.VC_HOLDER_MISMATCH, s);
    }

    @Test
    void mandateeOtherThanTheClientIsRefused() {
        Scenario s = verifier.w3c3Scenario();
        String other = TestMachine.p256().did();
        s.vcPayload = p -> mandatee(p).put("id", other);
        refused(Reason.VC_HOLDER_MISMATCH, s);
    }

    // --- credentialSubject.id: compared only when it is a DID, for every lineage ---

    @Test
    void credentialSubjectIdThatIsAnotherDidIsRefused() {
        Scenario s = verifier.w3c3Scenario();
        String other = TestMachine.p256().did();
        s.vcPayload = p -> subject(p).put("id", other);
        refused(Reason.VC_HOLDER_MISMATCH, s);
    }

    @Test
    void legacyCredentialSubjectIdThatIsNoDidIsNotCompared() {
        Scenario s = verifier.scenario();
        s.vcPayload = p -> subject(p).put("id", "urn:uuid:3c1b7e0a-9d2f-4c55-8a41-1f0e2d3c4b5a");
        authenticate(verifier, s);
    }

    // --- issuer object against the seal ---

    @Test
    void issuerOrganizationIdentifierOtherThanTheSealsIsRefused() {
        Scenario s = verifier.w3c3Scenario();
        s.vcPayload = p -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> issuer = (Map<String, Object>) p.get("issuer");
            issuer.put("organizationIdentifier", "VATES-B00000000");
        };
        refused(Reason.VC_CERTIFICATE_MISMATCH, s);
    }

    @Test
    void issuerIdOtherThanTheSealsIsRefused() {
        Scenario s = verifier.w3c3Scenario();
        s.issuerId = "did:elsi:VATES-B00000000";
        refused(Reason.VC_CERTIFICATE_MISMATCH, s);
    }

    @Test
    void issuerWithoutOrganizationIdentifierIsCheckedAgainstTheSealByItsId() {
        Scenario s = verifier.w3c3Scenario();
        s.vcPayload = p -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> issuer = (Map<String, Object>) p.get("issuer");
            issuer.remove("organizationIdentifier");
        };
        assertEquals(Optional.empty(), authenticate(verifier, s).credential().issuerOrganizationIdentifier());
    }

    @Test
    void issuerAsAStringIsMalformed() {
        Scenario s = verifier.w3c3Scenario();
        s.vcPayload = p -> p.put("issuer", Scenario.ISSUER_DID);
        refused(Reason.VC_MALFORMED, s);
    }

    @Test
    void credentialInAVcClaimIsMalformed() {
        Scenario s = verifier.w3c3Scenario();
        s.vcPayload = p -> {
            Map<String, Object> credential = new LinkedHashMap<>(p);
            p.clear();
            p.put("vc", credential);
            p.put("cnf", credential.get("cnf"));
        };
        refused(Reason.VC_MALFORMED, s);
    }

    // --- validity, signature ---

    @Test
    void validUntilPastIsExpired() {
        Scenario s = verifier.w3c3Scenario();
        s.vcPayload = p ->
                p.put("validUntil", verifier.clock.instant().minusSeconds(61).toString());
        refused(Reason.VC_EXPIRED, s);
    }

    @Test
    void jwtExpPastIsExpiredEvenWithinValidUntil() {
        Scenario s = verifier.w3c3Scenario();
        s.vcPayload =
                p -> p.put("exp", verifier.clock.instant().minusSeconds(61).getEpochSecond());
        refused(Reason.VC_EXPIRED, s);
    }

    @Test
    void validFromFutureIsNotYetValid() {
        Scenario s = verifier.w3c3Scenario();
        s.vcPayload =
                p -> p.put("validFrom", verifier.clock.instant().plusSeconds(61).toString());
        refused(Reason.VC_NOT_YET_VALID, s);
    }

    @Test
    void jwtNbfFutureIsNotYetValid() {
        Scenario s = verifier.w3c3Scenario();
        s.vcPayload = p -> p.put("nbf", verifier.clock.instant().plusSeconds(61).getEpochSecond());
        refused(Reason.VC_NOT_YET_VALID, s);
    }

    @Test
    void tamperedCredentialIsRefused() {
        Scenario s = verifier.w3c3Scenario();
        String[] parts = s.credential().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"api.example.com\""));
        String tampered =
                parts[0] + "." + TestJwts.b64(payload.replace("api.example.com", "api.example.net")) + "." + parts[2];
        refused(
                verifier,
                Reason.VC_SIGNATURE_INVALID,
                s.assertionWith(base64(s.presentation(tampered))),
                Optional.of(s.machine.did()));
    }

    // --- §16.1: lineages, verifier.credential.types, one machine credential per VP ---

    @Test
    void closingALineageRefusesItsCredentials() {
        TestVerifier legacyOnly = TestVerifier.create(Map.of("verifier.credential.types", "LEARCredentialMachine"));
        Scenario w3c3 = legacyOnly.w3c3Scenario();
        refused(legacyOnly, Reason.VC_TYPE_INVALID, w3c3.assertion(), Optional.empty());
        authenticate(legacyOnly, legacyOnly.scenario());

        TestVerifier sunsetClosed = TestVerifier.create(
                Map.of("verifier.credential.types", "learcredential.machine.w3c.3, learcredential.machine.sd.1"));
        refused(sunsetClosed, Reason.VC_TYPE_INVALID, sunsetClosed.scenario().assertion(), Optional.empty());
        authenticate(sunsetClosed, sunsetClosed.w3c3Scenario());
    }

    @Test
    void twoMachineCredentialsOfDifferentLineagesAreMalformed() {
        Scenario s = verifier.w3c3Scenario();
        s.extraCredentials.add(verifier.scenario().credential());
        refused(Reason.VP_MALFORMED, s);
    }

    @Test
    void twoMachineCredentialsAreMalformedEvenWhenOneLineageIsClosed() {
        TestVerifier legacyOnly = TestVerifier.create(Map.of("verifier.credential.types", "LEARCredentialMachine"));
        Scenario s = legacyOnly.scenario();
        s.extraCredentials.add(legacyOnly.w3c3Scenario().credential());
        refused(legacyOnly, Reason.VP_MALFORMED, s.assertion(), Optional.empty());
    }

    @Test
    void unknownConfigurationIdIsNotAMachineCredential() {
        Scenario employee = verifier.w3c3Scenario();
        employee.vcPayload = p -> p.put("type", List.of("VerifiableCredential", "learcredential.employee.w3c.3"));
        refused(Reason.VC_TYPE_INVALID, employee);
        Scenario amongOthers = verifier.w3c3Scenario();
        amongOthers.vcPayload = employee.vcPayload;
        Scenario legacy = verifier.scenario();
        legacy.machine = amongOthers.machine;
        amongOthers.extraCredentials.add(legacy.credential());
        // The legacy one is a machine credential: the employee one beside it is ignored.
        authenticate(verifier, amongOthers);
    }

    @Test
    void onlyGenericTypesAmongSeveralCredentialsIsNoMachineCredential() {
        Scenario generic = verifier.w3c3Scenario();
        generic.vcPayload = p -> p.put("type", List.of("VerifiableCredential", "VerifiableAttestation"));
        generic.extraCredentials.add(generic.credential());
        refused(Reason.VP_NO_MACHINE_CREDENTIAL, generic);
    }

    @Test
    void configurationIdIsTheFirstTypeBeyondTheGenericOnes() {
        Scenario attestation = verifier.w3c3Scenario();
        attestation.vcPayload = p -> p.put("type", List.of("VerifiableAttestation", W3C3, "LEARCredentialMachine"));
        assertEquals(W3C3, authenticate(verifier, attestation).credential().configurationId());
        Scenario legacyFirst = verifier.w3c3Scenario();
        legacyFirst.vcPayload = p -> p.put("type", List.of("LEARCredentialMachine", W3C3));
        // Read as the legacy lineage, whose reader takes the VCDM 2.0 payload as well.
        assertEquals(
                "LEARCredentialMachine",
                authenticate(verifier, legacyFirst).credential().configurationId());
    }

    @Test
    void typeWinsOverVct() {
        Scenario both = verifier.w3c3Scenario();
        both.vcPayload = p -> p.put("vct", "learcredential.machine.sd.1");
        assertEquals(W3C3, authenticate(verifier, both).credential().configurationId());
    }

    @Test
    void aJwtNamingTheSdJwtVctIsMalformed() {
        // The vct names sd.1, whose reader takes SD-JWTs only (SdJwtLineageTest has the rest).
        Scenario vct = verifier.w3c3Scenario();
        vct.vcPayload = p -> {
            p.remove("type");
            p.put("vct", "learcredential.machine.sd.1");
        };
        refused(Reason.VC_MALFORMED, vct);
    }

    @Test
    void issuerTrustedForThisLineageOnly() {
        TestVerifier w3c3Only = TestVerifier.withIssuers("{\"issuers\":[{\"id\":\"" + Scenario.ISSUER_DID
                + "\",\"credentialTypes\":[\"learcredential.machine.w3c.3\"]}]}");
        authenticate(w3c3Only, w3c3Only.w3c3Scenario());
        refused(w3c3Only, Reason.VC_ISSUER_UNTRUSTED, w3c3Only.scenario().assertion(), Optional.empty());
        TestVerifier legacyOnly = TestVerifier.withIssuers("{\"issuers\":[{\"id\":\"" + Scenario.ISSUER_DID
                + "\",\"credentialTypes\":[\"LEARCredentialMachine\"]}]}");
        // LEARCredentialMachine trusts the issuer for every machine lineage.
        authenticate(legacyOnly, legacyOnly.w3c3Scenario());
    }

    // --- revocation: a BitstringStatusListEntry whose list is itself a vc+jwt VCDM 2.0 credential ---

    @Test
    void revokedByAVcdm2BitstringStatusList() {
        try (ListServer lists = ListServer.started()) {
            TestVerifier v = TestVerifier.create(Map.of("verifier.fetch.allow-http", "true"));
            lists.answer(
                    "/w3c/v1/credentials/status/1",
                    ListServer.Answer.ok(StatusListCredentials.signVcdm2(
                            Scenario.ISSUER_DID,
                            "revocation",
                            StatusListCredentials.encodedList(131_072, 42),
                            v.ecIssuer.privateKey(),
                            v.pki.x5c(v.ecIssuer),
                            v.clock.instant())));
            String url = lists.url("/w3c/v1/credentials/status/1");
            Scenario revoked = v.w3c3Scenario();
            revoked.vcPayload =
                    p -> StatusListCredentials.point(p, "BitstringStatusListEntry", "revocation", "42", url);
            refused(v, Reason.VC_REVOKED, revoked.assertion(), Optional.empty());
            Scenario valid = v.w3c3Scenario();
            valid.vcPayload = p -> StatusListCredentials.point(p, "BitstringStatusListEntry", "revocation", "41", url);
            authenticate(v, valid);
        }
    }
}
