package io.lear.verifier.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.client.AuthenticatedClient;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.SdJwts;
import io.lear.verifier.testsupport.TestJwts;
import io.lear.verifier.testsupport.TestMachine;
import io.lear.verifier.testsupport.TestVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code learcredential.machine.sd.1} (profile §16.3) as the EUDIStack issuer mints it, sent in
 * {@code vp.verifiableCredential} by a client shaped as §16.6: accepted, and refused with the exact status, error and
 * reason when one rule is broken.
 */
class SdJwtLineageTest {
    private static final String SD1 = "learcredential.machine.sd.1";
    private final TestVerifier verifier = TestVerifier.create();

    private AuthenticatedClient authenticate(Scenario s) {
        return verifier.authenticator.authenticate(s.assertion(), Optional.of(s.machine.did()));
    }

    private void refused(Reason reason, Scenario s) {
        refused(verifier, reason, s.assertion());
    }

    static void refused(TestVerifier v, Reason reason, String assertion) {
        OAuthException e =
                assertThrows(OAuthException.class, () -> v.authenticator.authenticate(assertion, Optional.empty()));
        assertEquals(reason, e.reason(), e.description());
        assertEquals(401, e.status());
        assertEquals("invalid_client", e.error().code());
    }

    @Test
    void acceptsTheCredentialAsEudiStackMintsIt() {
        Scenario s = verifier.sd1Scenario();
        MachineCredential vc = authenticate(s).credential();
        assertEquals(SD1, vc.configurationId());
        assertEquals(Scenario.ISSUER_DID, vc.issuerId());
        assertEquals(s.machine.did(), vc.mandatee().id());
        assertEquals("VATES-B60645900", vc.mandator().organizationIdentifier());
        assertEquals("DOME/Onboarding/Execute", vc.powers().get(0).group());
        assertTrue(vc.validUntil().isPresent());
        // The token's vc: the disclosed view, digests and _sd_alg gone.
        @SuppressWarnings("unchecked")
        Map<String, Object> mandate = (Map<String, Object>) vc.json().get("mandate");
        assertEquals(s.machine.did(), ((Map<?, ?>) mandate.get("mandatee")).get("id"));
        assertFalse(mandate.containsKey("_sd"));
        assertFalse(mandate.containsKey("_sd_alg"));
        assertEquals(SD1, vc.json().get("vct"));
    }

    @Test
    void bothIssForms() {
        Scenario bare = verifier.sd1Scenario();
        assertEquals(Scenario.ORG, bare.sdIss);
        assertEquals(Scenario.ISSUER_DID, authenticate(bare).credential().issuerId());
        Scenario did = verifier.sd1Scenario();
        did.sdIss = Scenario.ISSUER_DID;
        assertEquals(Scenario.ISSUER_DID, authenticate(did).credential().issuerId());
    }

    @Test
    void issOfAnotherOrganisationIsRefusedBySeal() {
        Scenario bare = verifier.sd1Scenario();
        bare.sdIss = "VATES-B00000000";
        refused(Reason.VC_CERTIFICATE_MISMATCH, bare);
        Scenario did = verifier.sd1Scenario();
        did.sdIss = "did:elsi:VATES-B00000000";
        refused(Reason.VC_CERTIFICATE_MISMATCH, did);
    }

    @Test
    void issNeitherDidNorOrganizationIdentifierIsMalformed() {
        Scenario s = verifier.sd1Scenario();
        s.sdIss = "https://issuer.example.org";
        refused(Reason.VC_MALFORMED, s);
    }

    @Test
    void rsaSealAndFullChainAreAccepted() {
        Scenario s = new Scenario(verifier.pki, verifier.rsaIssuer, TestVerifier.ISSUER).sdJwt();
        s.now = verifier.clock.instant();
        assertEquals(SD1, authenticate(s).credential().configurationId());
    }

    // --- disclosures ---

    @Test
    void aForgedDisclosureIsRefused() {
        Scenario s = verifier.sd1Scenario();
        s.sdSent = d -> d.set(1, SdJwts.disclosure("mandator", Map.of("organizationIdentifier", "VATES-B00000000")));
        refused(Reason.VC_SIGNATURE_INVALID, s);
    }

    @Test
    void aTamperedDisclosureIsRefused() {
        Scenario s = verifier.sd1Scenario();
        s.sdSent = d -> {
            String json = new String(Base64.getUrlDecoder().decode(d.get(0)), StandardCharsets.UTF_8);
            d.set(0, TestJwts.b64(json.replace("api.example.com", "api.example.net")));
        };
        refused(Reason.VC_SIGNATURE_INVALID, s);
    }

    @Test
    void aDuplicatedDisclosureIsMalformed() {
        Scenario s = verifier.sd1Scenario();
        s.sdSent = d -> d.add(d.get(2));
        refused(Reason.VC_MALFORMED, s);
    }

    @Test
    void missingDisclosuresAreMalformed() {
        for (int i = 0; i < 3; i++) {
            int dropped = i;
            Scenario s = verifier.sd1Scenario();
            s.sdSent = d -> d.remove(dropped);
            refused(Reason.VC_MALFORMED, s);
        }
    }

    @Test
    void decoyDigestsAreIgnored() {
        Scenario s = verifier.sd1Scenario();
        s.sdIssued = (p, d) -> {
            SdJwts.mandateDigests(p).add(0, SdJwts.digest(SdJwts.salt()));
            SdJwts.mandateDigests(p).add(SdJwts.digest(SdJwts.salt()));
        };
        assertEquals(SD1, authenticate(s).credential().configurationId());
    }

    @Test
    void sdAlgAtTheTopIsReadAndAnyOtherAlgorithmIsMalformed() {
        Scenario top = verifier.sd1Scenario();
        top.sdIssued = (p, d) -> p.put("_sd_alg", SdJwts.mandate(p).remove("_sd_alg"));
        authenticate(top);
        Scenario other = verifier.sd1Scenario();
        other.sdIssued = (p, d) -> SdJwts.mandate(p).put("_sd_alg", "sha-384");
        refused(Reason.VC_MALFORMED, other);
    }

    @Test
    void powersDisclosedAsArrayElements() {
        Scenario s = verifier.sd1Scenario();
        s.sdIssued = (p, d) -> {
            // Replace the power disclosure by a plain array whose one element is disclosed on its own.
            String power = d.remove(2);
            SdJwts.mandateDigests(p).remove(SdJwts.digest(power));
            String element = SdJwts.element(
                    Map.of("type", "domain", "domain", "DOME", "function", "Onboarding", "action", List.of("Execute")));
            d.add(element);
            SdJwts.mandate(p).put("power", List.of(Map.of("...", SdJwts.digest(element))));
        };
        assertEquals(
                "DOME/Onboarding/Execute",
                authenticate(s).credential().powers().get(0).group());
    }

    @Test
    void aDisclosureNamedSdOrAlreadyPresentIsMalformed() {
        Scenario named = verifier.sd1Scenario();
        named.sdIssued = (p, d) -> {
            String bad = SdJwts.disclosure("_sd", List.of());
            d.add(bad);
            SdJwts.mandateDigests(p).add(SdJwts.digest(bad));
        };
        refused(Reason.VC_MALFORMED, named);
        Scenario present = verifier.sd1Scenario();
        present.sdIssued = (p, d) -> SdJwts.mandate(p).put("mandator", Map.of("organizationIdentifier", "VATES-X"));
        refused(Reason.VC_MALFORMED, present);
    }

    @Test
    void aCompactJwsNamingTheVctIsMalformed() {
        Scenario s = verifier.sd1Scenario();
        String sd = s.credential();
        String jwtOnly = sd.substring(0, sd.indexOf('~'));
        refused(verifier, Reason.VC_MALFORMED, s.assertionWith(base64(s.presentation(jwtOnly))));
    }

    @Test
    void anSdJwtOfAJwtLineageIsMalformed() {
        Scenario s = verifier.w3c3Scenario();
        refused(verifier, Reason.VC_MALFORMED, s.assertionWith(base64(s.presentation(s.credential() + "~"))));
    }

    // --- issuer JWT ---

    @Test
    void aForgedIssuerSignatureIsRefused() {
        Scenario s = verifier.sd1Scenario();
        String sd = s.credential();
        String[] parts = sd.split("~", 2);
        String[] jws = parts[0].split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(jws[1]), StandardCharsets.UTF_8);
        String forged = jws[0] + "." + TestJwts.b64(payload.replace("\"exp\":", "\"exp\":1")) + "." + jws[2];
        refused(
                verifier,
                Reason.VC_SIGNATURE_INVALID,
                s.assertionWith(base64(s.presentation(forged + "~" + parts[1]))));
    }

    @Test
    void algOutsideTheAllowListAndUnknownCritAreRefused() {
        Scenario hs = verifier.sd1Scenario();
        hs.vcAlg = "HS256";
        refused(Reason.VC_ALG_NOT_ALLOWED, hs);
        Scenario crit = verifier.sd1Scenario();
        crit.vcHeader = h -> h.put("crit", List.of("exp"));
        refused(Reason.VC_MALFORMED, crit);
    }

    @Test
    void expiredAndNotYetValid() {
        Scenario expired = verifier.sd1Scenario();
        expired.vcPayload =
                p -> p.put("exp", verifier.clock.instant().minusSeconds(61).getEpochSecond());
        refused(Reason.VC_EXPIRED, expired);
        Scenario nbf = verifier.sd1Scenario();
        nbf.vcPayload =
                p -> p.put("nbf", verifier.clock.instant().plusSeconds(61).getEpochSecond());
        refused(Reason.VC_NOT_YET_VALID, nbf);
        Scenario iat = verifier.sd1Scenario();
        iat.vcPayload =
                p -> p.put("iat", verifier.clock.instant().plusSeconds(61).getEpochSecond());
        refused(Reason.VC_NOT_YET_VALID, iat);
    }

    // --- holder binding: cnf required, mandatee ---

    @Test
    void cnfIsRequiredAndMustBindTheClientKey() {
        Scenario none = verifier.sd1Scenario();
        none.vcPayload = p -> p.remove("cnf");
        refused(Reason.VC_MALFORMED, none);
        Scenario other = verifier.sd1Scenario();
        other.vcPayload = p -> p.put("cnf", Map.of("jwk", Scenario.publicJwk(TestMachine.p256())));
        refused(Reason.VC_HOLDER_MISMATCH, other);
        Scenario kid = verifier.sd1Scenario();
        kid.vcPayload = p -> p.put("cnf", Map.of("kid", kid.machine.did()));
        authenticate(kid);
    }

    @Test
    void aStolenCredentialIsRefused() {
        Scenario victim = verifier.sd1Scenario();
        String stolen = victim.credential();
        Scenario thief = verifier.sd1Scenario();
        refused(verifier, Reason.VC_HOLDER_MISMATCH, thief.assertionWith(base64(thief.presentation(stolen))));
    }

    // --- key binding JWT ---

    @Test
    void aGoodKeyBindingJwtIsAccepted() {
        Scenario s = verifier.sd1Scenario();
        s.keyBinding = true;
        assertEquals(SD1, authenticate(s).credential().configurationId());
        Scenario tokenEndpoint = verifier.sd1Scenario();
        tokenEndpoint.keyBinding = true;
        tokenEndpoint.kbPayload = p -> p.put("aud", List.of(TestVerifier.ISSUER + "/oidc/token"));
        authenticate(tokenEndpoint);
    }

    @Test
    void keyBindingWithAWrongSdHashIsRefused() {
        Scenario s = verifier.sd1Scenario();
        s.keyBinding = true;
        s.kbPayload = p -> p.put("sd_hash", SdJwts.digest("something else~"));
        refused(Reason.VC_HOLDER_MISMATCH, s);
        Scenario none = verifier.sd1Scenario();
        none.keyBinding = true;
        none.kbPayload = p -> p.remove("sd_hash");
        refused(Reason.VC_HOLDER_MISMATCH, none);
    }

    @Test
    void keyBindingSignedByAnotherKeyIsRefused() {
        Scenario s = verifier.sd1Scenario();
        s.keyBinding = true;
        s.kbSigner = TestMachine.p256();
        refused(Reason.VC_HOLDER_MISMATCH, s);
    }

    @Test
    void keyBindingForAnotherAudienceIsRefused() {
        Scenario s = verifier.sd1Scenario();
        s.keyBinding = true;
        s.kbPayload = p -> p.put("aud", "https://other.example.org");
        refused(Reason.VC_HOLDER_MISMATCH, s);
    }

    @Test
    void keyBindingIatExactlyOneSkewAwayIsAccepted() {
        verifier.clock.set(verifier.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        for (long offset : new long[] {-60, 60}) {
            Scenario s = verifier.sd1Scenario();
            s.keyBinding = true;
            s.kbPayload = p -> p.put("iat", verifier.clock.instant().getEpochSecond() + offset);
            assertEquals(SD1, authenticate(s).credential().configurationId());
        }
    }

    @Test
    void keyBindingWithAStaleFutureOrMissingIatIsRefused() {
        for (long offset : new long[] {-61, 61}) {
            Scenario s = verifier.sd1Scenario();
            s.keyBinding = true;
            s.kbPayload = p -> p.put("iat", verifier.clock.instant().getEpochSecond() + offset);
            refused(Reason.VC_HOLDER_MISMATCH, s);
        }
        Scenario within = verifier.sd1Scenario();
        within.keyBinding = true;
        within.kbPayload = p -> p.put("iat", verifier.clock.instant().getEpochSecond() - 59);
        authenticate(within);
        Scenario missing = verifier.sd1Scenario();
        missing.keyBinding = true;
        missing.kbPayload = p -> p.remove("iat");
        refused(Reason.VC_HOLDER_MISMATCH, missing);
    }

    @Test
    void keyBindingOfAnotherTypeOrBrokenIsRefused() {
        Scenario typ = verifier.sd1Scenario();
        typ.keyBinding = true;
        typ.kbHeader = h -> h.put("typ", "JWT");
        refused(Reason.VC_HOLDER_MISMATCH, typ);
        Scenario broken = verifier.sd1Scenario();
        String sd = broken.credential();
        refused(
                verifier,
                Reason.VC_HOLDER_MISMATCH,
                broken.assertionWith(base64(broken.presentation(sd + "not-a-jwt"))));
    }

    // --- lineage listing and trust ---

    @Test
    void closingTheLineageRefusesIt() {
        TestVerifier closed = TestVerifier.create(
                Map.of("verifier.credential.types", "LEARCredentialMachine learcredential.machine.w3c.3"));
        refused(closed, Reason.VC_TYPE_INVALID, closed.sd1Scenario().assertion());
    }

    @Test
    void issuerTrustedForAnotherLineageOnlyIsUntrusted() {
        TestVerifier w3c3Only = TestVerifier.withIssuers("{\"issuers\":[{\"id\":\"" + Scenario.ISSUER_DID
                + "\",\"credentialTypes\":[\"learcredential.machine.w3c.3\"]}]}");
        refused(w3c3Only, Reason.VC_ISSUER_UNTRUSTED, w3c3Only.sd1Scenario().assertion());
    }

    @Test
    void tenantIsCheckedAgainstTheDisclosedPowers() {
        Scenario s = verifier.sd1Scenario();
        OAuthException e = assertThrows(
                OAuthException.class,
                () -> verifier.authenticator.authenticate(s.assertion(), Optional.empty(), Optional.of("other")));
        assertEquals(Reason.TENANT_MISMATCH, e.reason());
        Scenario dome = verifier.sd1Scenario();
        verifier.authenticator.authenticate(dome.assertion(), Optional.empty(), Optional.of("dome"));
    }

    static String base64(String vp) {
        return Base64.getEncoder().encodeToString(vp.getBytes(StandardCharsets.US_ASCII));
    }
}
