package io.lear.verifier.client;

import static io.lear.verifier.testsupport.PayloadPaths.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.credential.MachineCredential;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestJwts;
import io.lear.verifier.testsupport.TestMachine;
import io.lear.verifier.testsupport.TestPki;
import io.lear.verifier.testsupport.TestVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

/** Every refusal of the client authentication, through the real components, one change at a time. */
class ClientAuthenticatorTest {
    private final TestVerifier verifier = TestVerifier.create();

    private final long now = verifier.clock.instant().getEpochSecond();

    private AuthenticatedClient authenticate(Scenario s) {
        return verifier.authenticator.authenticate(s.assertion(), Optional.of(s.machine.did()));
    }

    private void refused(Reason reason, Scenario s) {
        refused(reason, s.assertion(), Optional.of(s.machine.did()));
    }

    private void refused(Reason reason, String assertion, Optional<String> clientId) {
        OAuthException e =
                assertThrows(OAuthException.class, () -> verifier.authenticator.authenticate(assertion, clientId));
        assertEquals(reason, e.reason(), e.description());
        assertEquals(401, e.status());
        assertEquals("invalid_client", e.error().code());
    }

    @Test
    void acceptsV2CredentialWithRsaSeal() {
        Scenario s = verifier.scenario();
        AuthenticatedClient client = authenticate(s);
        assertEquals(s.machine.did(), client.clientId());
        MachineCredential vc = client.credential();
        assertEquals(Scenario.ISSUER_DID, vc.issuerId());
        assertEquals("VATES-B60645900", vc.mandator().organizationIdentifier());
        assertEquals("DOME/Onboarding/Execute", vc.powers().get(0).group());
    }

    @Test
    void acceptsV1CredentialWithEcSealAndNoClientId() {
        Scenario s = new Scenario(verifier.pki, verifier.ecIssuer, TestVerifier.ISSUER);
        s.now = verifier.clock.instant();
        s.v1 = true;
        s.vcAlg = "ES256";
        AuthenticatedClient client = verifier.authenticator.authenticate(s.assertion(), Optional.empty());
        assertEquals(
                "DOME/Onboarding/Execute", client.credential().powers().get(0).group());
    }

    @Test
    void acceptsEveryVpTokenEncodingAndAudienceForm() {
        for (int variant = 0; variant < 4; variant++) {
            Scenario s = verifier.scenario();
            switch (variant) {
                case 0 -> s.vpEncoding = vp -> vp;
                case 1 ->
                    s.vpEncoding = vp -> Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(vp.getBytes(StandardCharsets.US_ASCII));
                case 2 ->
                    s.vpEncoding = vp ->
                            Base64.getEncoder().withoutPadding().encodeToString(vp.getBytes(StandardCharsets.US_ASCII));
                default ->
                    s.assertionPayload =
                            p -> p.put("aud", List.of("https://other.example", TestVerifier.ISSUER + "/oidc/token"));
            }
            authenticate(s);
        }
    }

    @Test
    void acceptsEd25519Machine() {
        Scenario s = verifier.scenario();
        s.machine = TestMachine.ed25519();
        authenticate(s);
    }

    @Test
    void acceptsHeaderJwkAndKidWithFragmentButUsesTheDid() {
        Scenario s = verifier.scenario();
        TestMachine other = TestMachine.p256();
        s.assertionHeader = h -> {
            h.put("kid", s.machine.did() + "#" + s.machine.did().substring(8));
            h.put("jwk", jwk(other)); // a lying embedded key must not be used
            h.put("jku", "https://attacker.example/jwks");
        };
        authenticate(s);
    }

    @Test
    void assertionMalformedLiteral() {
        refused(Reason.ASSERTION_MALFORMED, "not-a-jwt", Optional.empty());
        refused(Reason.ASSERTION_MALFORMED, "a.b", Optional.empty());
        refused(
                Reason.ASSERTION_MALFORMED,
                TestJwts.b64("{\"alg\":\"ES256\"}") + "." + TestJwts.b64("[1]") + ".c2ln",
                Optional.empty());
    }

    @Test
    void assertionMalformedNoExp() {
        Scenario noExp = verifier.scenario();
        noExp.assertionPayload = p -> p.remove("exp");
        refused(Reason.ASSERTION_MALFORMED, noExp);
    }

    @Test
    void assertionMalformedCrit() {
        Scenario crit = verifier.scenario();
        crit.assertionHeader = h -> {
            h.put("crit", List.of("b64"));
            h.put("b64", true);
        };
        refused(Reason.ASSERTION_MALFORMED, crit);
    }

    @Test
    void assertionMalformedExpString() {
        Scenario expString = verifier.scenario();
        expString.assertionPayload = p -> p.put("exp", "tomorrow");
        refused(Reason.ASSERTION_MALFORMED, expString);
        refused(Reason.ASSERTION_MALFORMED, "x".repeat(40_000) + ".a.b", Optional.empty());
    }

    @Test
    void jsonNestedDeeperThan32IsRefused() {
        Object deep = "x";
        for (int i = 0; i < 33; i++) {
            deep = List.of(deep);
        }
        Object nested = deep;
        Scenario assertion = verifier.scenario();
        assertion.assertionPayload = p -> p.put("extra", nested);
        refused(Reason.ASSERTION_MALFORMED, assertion);
        Scenario credential = verifier.scenario();
        credential.vcPayload = p -> vc(p).put("evidence", nested);
        refused(Reason.VC_MALFORMED, credential);
        Object shallow = List.of(List.of(List.of("fine")));
        Scenario ok = verifier.scenario();
        ok.assertionPayload = p -> p.put("extra", shallow);
        authenticate(ok);
    }

    @Test
    void assertionAlgNotAllowedS() {
        Scenario s = verifier.scenario();
        Map<String, Object> payload = Map.of("iss", s.machine.did(), "sub", s.machine.did());
        refused(
                Reason.ASSERTION_ALG_NOT_ALLOWED,
                TestJwts.unsigned(TestJwts.header("none"), payload, ""),
                Optional.empty());
        refused(
                Reason.ASSERTION_ALG_NOT_ALLOWED,
                TestJwts.unsigned(TestJwts.header("HS256"), payload, "c2ln"),
                Optional.empty());
    }

    @Test
    void assertionAlgNotAllowedWrongFamily() {
        Scenario wrongFamily = verifier.scenario();
        // An Ed25519 did:key with an ES256 assertion.
        wrongFamily.machine =
                new TestMachine(TestPki.ec(), TestMachine.ed25519().did(), "ES256");
        refused(Reason.ASSERTION_ALG_NOT_ALLOWED, wrongFamily);
    }

    @Test
    void assertionKeyUnresolvableDidWeb() {
        Scenario didWeb = verifier.scenario();
        didWeb.assertionPayload = p -> {
            p.put("iss", "did:web:example.org");
            p.put("sub", "did:web:example.org");
        };
        refused(Reason.ASSERTION_KEY_UNRESOLVABLE, didWeb.assertion(), Optional.empty());
    }

    @Test
    void assertionKeyUnresolvableSecp256k1() {
        Scenario secp256k1 = verifier.scenario();
        String k1 = "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme";
        secp256k1.assertionPayload = p -> {
            p.put("iss", k1);
            p.put("sub", k1);
        };
        refused(Reason.ASSERTION_KEY_UNRESOLVABLE, secp256k1.assertion(), Optional.empty());
    }

    @Test
    void assertionKeyUnresolvableOtherKid() {
        Scenario otherKid = verifier.scenario();
        otherKid.assertionHeader = h -> h.put("kid", TestMachine.p256().did());
        refused(Reason.ASSERTION_KEY_UNRESOLVABLE, otherKid);
    }

    @Test
    void assertionSignatureInvalid() {
        Scenario s = verifier.scenario();
        TestMachine other = TestMachine.p256();
        String forged = s.assertion();
        String[] parts = forged.split("\\.");
        String otherSig = TestJwts.sign(
                        TestJwts.header("ES256"), Map.of("x", 1), other.keys().getPrivate())
                .split("\\.")[2];
        refused(
                Reason.ASSERTION_SIGNATURE_INVALID,
                parts[0] + "." + parts[1] + "." + otherSig,
                Optional.of(s.machine.did()));
    }

    @Test
    void assertionSubjectMismatchSub() {
        Scenario sub = verifier.scenario();
        sub.assertionPayload = p -> p.put("sub", TestMachine.p256().did());
        refused(Reason.ASSERTION_SUBJECT_MISMATCH, sub);
    }

    @Test
    void assertionSubjectMismatchNoIss() {
        Scenario noIss = verifier.scenario();
        noIss.assertionPayload = p -> p.remove("iss");
        refused(Reason.ASSERTION_SUBJECT_MISMATCH, noIss);
    }

    @Test
    void assertionSubjectMismatchClientId() {
        Scenario clientId = verifier.scenario();
        refused(
                Reason.ASSERTION_SUBJECT_MISMATCH,
                clientId.assertion(),
                Optional.of(TestMachine.p256().did()));
    }

    @Test
    void assertionAudienceInvalidOther() {
        Scenario other = verifier.scenario();
        other.assertionPayload = p -> p.put("aud", "https://verifier.example.org.evil");
        refused(Reason.ASSERTION_AUDIENCE_INVALID, other);
    }

    @Test
    void assertionAudienceInvalidNone() {
        Scenario none = verifier.scenario();
        none.assertionPayload = p -> p.remove("aud");
        refused(Reason.ASSERTION_AUDIENCE_INVALID, none);
    }

    @Test
    void assertionTimesExpired() {
        Scenario expired = verifier.scenario();
        expired.assertionPayload = p -> {
            p.put("iat", verifier.clock.instant().getEpochSecond() - 300);
            p.put("exp", verifier.clock.instant().getEpochSecond() - 61);
        };
        refused(Reason.ASSERTION_EXPIRED, expired);
    }

    @Test
    void assertionTimesWithinSkew() {
        Scenario withinSkew = verifier.scenario();
        withinSkew.assertionPayload = p -> p.put("exp", verifier.clock.instant().getEpochSecond() - 59);
        authenticate(withinSkew);
    }

    @Test
    void assertionTimesIat() {
        Scenario iat = verifier.scenario();
        iat.assertionPayload = p -> p.put("iat", verifier.clock.instant().getEpochSecond() + 61);
        refused(Reason.ASSERTION_NOT_YET_VALID, iat);
    }

    @Test
    void assertionTimesNbf() {
        Scenario nbf = verifier.scenario();
        nbf.assertionPayload = p -> p.put("nbf", verifier.clock.instant().getEpochSecond() + 120);
        refused(Reason.ASSERTION_NOT_YET_VALID, nbf);
    }

    @Test
    void assertionTimesLongLived() {
        Scenario longLived = verifier.scenario();
        longLived.assertionPayload = p -> p.put("exp", verifier.clock.instant().getEpochSecond() + 601);
        refused(Reason.ASSERTION_LIFETIME_TOO_LONG, longLived);
    }

    @Test
    void assertionTimesLongNoIat() {
        Scenario longNoIat = verifier.scenario();
        longNoIat.assertionPayload = p -> {
            p.remove("iat");
            p.put("exp", verifier.clock.instant().getEpochSecond() + 3600);
        };
        refused(Reason.ASSERTION_LIFETIME_TOO_LONG, longNoIat);
    }

    @Test
    void assertionJtiNone() {
        Scenario none = verifier.scenario();
        none.assertionPayload = p -> p.remove("jti");
        refused(Reason.ASSERTION_JTI_MISSING, none);
    }

    @Test
    void assertionJtiEmpty() {
        Scenario empty = verifier.scenario();
        empty.assertionPayload = p -> p.put("jti", "");
        refused(Reason.ASSERTION_JTI_MISSING, empty);
    }

    @Test
    void jtiOfMaximumLengthIsAccepted() {
        Scenario longest = verifier.scenario();
        longest.assertionPayload = p -> p.put("jti", "j".repeat(256));
        authenticate(longest);
    }

    @Test
    void jtiLongerThan256CharactersIsTooLong() {
        Scenario tooLong = verifier.scenario();
        tooLong.assertionPayload = p -> p.put("jti", "j".repeat(257));
        refused(Reason.ASSERTION_JTI_TOO_LONG, tooLong);
    }

    @Test
    void audienceIsTheIssuerWithOneTrailingSlash() {
        Scenario s = verifier.scenario();
        s.assertionPayload = p -> p.put("aud", TestVerifier.ISSUER + "/");
        authenticate(s);
    }

    @Test
    void audienceWithTwoTrailingSlashesIsRefused() {
        Scenario s = verifier.scenario();
        s.assertionPayload = p -> p.put("aud", TestVerifier.ISSUER + "//");
        refused(Reason.ASSERTION_AUDIENCE_INVALID, s);
    }

    @Test
    void refusalAfterTheAssertionSignatureNamesTheClient() {
        Scenario s = verifier.scenario();
        OAuthException e = assertThrows(
                OAuthException.class,
                () -> verifier.authenticator.authenticate(s.assertionWith("x"), Optional.empty()));
        assertEquals(Reason.VP_MALFORMED, e.reason());
        assertEquals(s.machine.did(), e.clientId());
    }

    @Test
    void refusalOfTheAssertionSignatureNamesNoClient() {
        Scenario s = verifier.scenario();
        s.assertionPayload = p -> p.put("aud", "https://elsewhere.example");
        OAuthException e = assertThrows(
                OAuthException.class, () -> verifier.authenticator.authenticate(s.assertion(), Optional.empty()));
        assertEquals(Reason.ASSERTION_AUDIENCE_INVALID, e.reason());
        assertEquals(null, e.clientId());
    }

    private Scenario signedBy(TestPki.Issued seal) {
        Scenario s = new Scenario(seal, List.of(seal.x5c(), verifier.pki.intermediate.x5c()), TestVerifier.ISSUER);
        s.now = verifier.clock.instant();
        return s;
    }

    private TestPki.Issued seal(org.bouncycastle.asn1.x500.X500Name subject, TestPki.Extensions extensions) {
        java.time.Instant now = verifier.clock.instant();
        return TestPki.custom(
                subject,
                TestPki.rsa(2048),
                verifier.pki.intermediate,
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)),
                "SHA256withRSA",
                extensions);
    }

    @Test
    void sealWithTwoOrganizationIdentifiersIsAMismatch() {
        TestPki.Issued twoOrgs = seal(
                TestPki.sealSubject(Scenario.ORG, "VATEU-B99999999"),
                b -> b.addExtension(
                        org.bouncycastle.asn1.x509.Extension.keyUsage,
                        true,
                        new org.bouncycastle.asn1.x509.KeyUsage(org.bouncycastle.asn1.x509.KeyUsage.digitalSignature)));
        refused(Reason.VC_CERTIFICATE_MISMATCH, signedBy(twoOrgs));
    }

    @Test
    void tlsCertificateOfTheOrganisationMintsNoCredential() {
        TestPki.Issued tls = seal(TestPki.sealSubject(Scenario.ORG), b -> {
            b.addExtension(
                    org.bouncycastle.asn1.x509.Extension.keyUsage,
                    true,
                    new org.bouncycastle.asn1.x509.KeyUsage(org.bouncycastle.asn1.x509.KeyUsage.digitalSignature));
            b.addExtension(
                    org.bouncycastle.asn1.x509.Extension.extendedKeyUsage,
                    false,
                    new org.bouncycastle.asn1.x509.ExtendedKeyUsage(
                            org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth));
        });
        refused(Reason.VC_CERTIFICATE_UNTRUSTED, signedBy(tls));
    }

    @Test
    void confirmationKidNamingTheClientIsAccepted() {
        Scenario s = verifier.scenario();
        s.vcPayload = p -> p.put(
                "cnf", Map.of("kid", s.machine.did() + "#" + s.machine.did().substring(8)));
        authenticate(s);
    }

    @Test
    void confirmationKidNamingAnotherKeyIsAHolderMismatch() {
        Scenario s = verifier.scenario();
        s.vcPayload = p -> p.put("cnf", Map.of("kid", TestMachine.p256().did()));
        refused(Reason.VC_HOLDER_MISMATCH, s);
    }

    /** A JSON number far beyond any parser's comfort: 2,000 digits, or an exponent of a million. */
    private static final java.math.BigInteger HUGE = new java.math.BigInteger("9".repeat(2000));

    private static final java.math.BigDecimal HUGE_EXPONENT = new java.math.BigDecimal("1E+1000000");

    @Test
    void hugeNumberInTheAssertionIsMalformed() {
        Scenario s = verifier.scenario();
        s.assertionPayload = p -> p.put("n", HUGE);
        refused(Reason.ASSERTION_MALFORMED, s);
        s.assertionPayload = p -> p.put("n", HUGE_EXPONENT);
        refused(Reason.ASSERTION_MALFORMED, s);
    }

    @Test
    void hugeNumberInThePresentationIsMalformed() {
        Scenario s = verifier.scenario();
        s.vpPayload = p -> p.put("n", HUGE);
        refused(Reason.VP_MALFORMED, s);
    }

    @Test
    void hugeNumberInTheCredentialIsMalformed() {
        Scenario s = verifier.scenario();
        s.vcPayload = p -> p.put("n", HUGE);
        refused(Reason.VC_MALFORMED, s);
    }

    @Test
    void hugeExponentAsADateIsMalformed() {
        Scenario s = verifier.scenario();
        s.assertionPayload = p -> p.put("exp", HUGE_EXPONENT);
        refused(Reason.ASSERTION_MALFORMED, s);
    }

    @Test
    void vpMissingAndMalformedMissing() {
        Scenario missing = verifier.scenario();
        missing.assertionPayload = p -> p.remove("vp_token");
        refused(Reason.VP_MISSING, missing);
    }

    @Test
    void vpMissingAndMalformedNotString() {
        Scenario notString = verifier.scenario();
        notString.assertionPayload = p -> p.put("vp_token", List.of("x"));
        refused(Reason.VP_MALFORMED, notString);
    }

    @Test
    void vpMissingAndMalformedGarbage() {
        Scenario garbage = verifier.scenario();
        garbage.vpEncoding = vp -> "%%%not base64%%%";
        refused(Reason.VP_MALFORMED, garbage);
    }

    @Test
    void vpMissingAndMalformedNoVp() {
        Scenario noVp = verifier.scenario();
        noVp.vpPayload = p -> p.remove("vp");
        refused(Reason.VP_MALFORMED, noVp);
    }

    @Test
    void vpMissingAndMalformedWrongType() {
        Scenario wrongType = verifier.scenario();
        wrongType.vpPayload = p -> vp(p).put("type", List.of("VerifiableCredential"));
        refused(Reason.VP_MALFORMED, wrongType);
    }

    @Test
    void vpCredentialsThatAreNotOneToTenStringsAreMalformed() {
        for (Object vcs : List.of(List.of(), "not-array", List.of(1), Collections.nCopies(11, "a.b.c"))) {
            Scenario s = verifier.scenario();
            s.vpPayload = p -> vp(p).put("verifiableCredential", vcs);
            refused(Reason.VP_MALFORMED, s);
        }
    }

    @Test
    void everyTruncationOfTheVpIsRefusedCleanly() {
        Scenario s = verifier.scenario();
        String vp = s.presentation(s.credential());
        for (int cut = 1; cut < vp.length(); cut += 7) {
            String truncated = vp.substring(0, cut);
            OAuthException e = assertThrows(
                    OAuthException.class,
                    () -> verifier.authenticator.authenticate(s.assertionWith(truncated), Optional.empty()),
                    "cut " + cut);
            assertEquals(401, e.status(), "cut " + cut);
        }
    }

    @Test
    void nonCanonicalBase64urlIsRefused() {
        Scenario s = verifier.scenario();
        String a = s.assertion();
        String[] parts = a.split("\\.");
        // The last character of a 64-byte signature carries 4 unused bits: set one of them.
        char last = parts[2].charAt(parts[2].length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char sibling = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String respelled = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 1) + sibling;
        refused(Reason.ASSERTION_MALFORMED, respelled, Optional.empty());
    }

    @Test
    void vpSignedByAnotherKeyIsASignatureFailure() {
        Scenario signedByOther = verifier.scenario();
        TestMachine other = TestMachine.p256();
        String vc = signedByOther.credential();
        Map<String, Object> vpPayload = Map.of(
                "iss",
                signedByOther.machine.did(),
                "vp",
                Map.of("type", List.of("VerifiablePresentation"), "verifiableCredential", List.of(vc)));
        String vp =
                TestJwts.sign(TestJwts.header("ES256"), vpPayload, other.keys().getPrivate());
        refused(Reason.VP_SIGNATURE_INVALID, signedByOther.assertionWith(vp), Optional.empty());
    }

    @Test
    void vpHolderNamingAnotherDidIsAHolderMismatch() {
        String other = TestMachine.p256().did();
        Scenario holder = verifier.scenario();
        holder.vpPayload = p -> vp(p).put("holder", other);
        refused(Reason.VP_HOLDER_MISMATCH, holder);
    }

    @Test
    void vpIssuerNamingAnotherDidIsAHolderMismatch() {
        String other = TestMachine.p256().did();
        Scenario iss = verifier.scenario();
        iss.vpPayload = p -> p.put("iss", other);
        refused(Reason.VP_HOLDER_MISMATCH, iss);
    }

    @Test
    void vpNamingNoHolderAtAllIsAHolderMismatch() {
        Scenario nobody = verifier.scenario();
        nobody.vpHeader = h -> h.remove("kid");
        nobody.vpPayload = p -> {
            p.remove("iss");
            vp(p).remove("holder");
        };
        refused(Reason.VP_HOLDER_MISMATCH, nobody);
    }

    @Test
    void vpTimesAndAudienceExpired() {
        Scenario expired = verifier.scenario();
        expired.vpPayload = p -> p.put("exp", now - 61);
        refused(Reason.VP_EXPIRED, expired);
    }

    @Test
    void vpTimesAndAudienceFuture() {
        Scenario future = verifier.scenario();
        future.vpPayload = p -> p.put("nbf", now + 61);
        refused(Reason.VP_NOT_YET_VALID, future);
    }

    @Test
    void vpTimesAndAudienceAud() {
        Scenario aud = verifier.scenario();
        aud.vpPayload = p -> p.put("aud", "https://verifier.dome-marketplace.eu/token");
        refused(Reason.VP_AUDIENCE_INVALID, aud);
    }

    @Test
    void vpTimesAndAudienceNoAud() {
        Scenario noAud = verifier.scenario();
        noAud.vpPayload = p -> p.remove("aud");
        authenticate(noAud);
    }

    private String employeeCredential() {
        Scenario employee = verifier.scenario();
        employee.vcPayload = p -> vc(p).put("type", List.of("LEARCredentialEmployee", "VerifiableCredential"));
        return employee.credential();
    }

    @Test
    void singleCredentialOfAnotherTypeIsAWrongType() {
        Scenario employee = verifier.scenario();
        employee.vcPayload = p -> vc(p).put("type", List.of("LEARCredentialEmployee", "VerifiableCredential"));
        refused(Reason.VC_TYPE_INVALID, employee);
    }

    @Test
    void severalCredentialsWithoutAMachineOneAreRefused() {
        Scenario two = verifier.scenario();
        String employeeVc = employeeCredential();
        refused(
                Reason.VP_NO_MACHINE_CREDENTIAL,
                two.assertionWith(two.presentation(employeeVc, employeeVc)),
                Optional.empty());
    }

    @Test
    void machineCredentialWithACompanionIsAccepted() {
        Scenario withCompanion = verifier.scenario();
        withCompanion.extraCredentials = new ArrayList<>(List.of(employeeCredential()));
        authenticate(withCompanion);
    }

    @Test
    void credentialThatIsNoJwtIsMalformed() {
        Scenario garbage = verifier.scenario();
        refused(Reason.VC_MALFORMED, garbage.assertionWith(garbage.presentation("invalid-jwt")), Optional.empty());
    }

    @Test
    void credentialMalformedNoMandatee() {
        Scenario noMandatee = verifier.scenario();
        noMandatee.vcPayload = p -> mandate(p).remove("mandatee");
        refused(Reason.VC_MALFORMED, noMandatee);
    }

    @Test
    void credentialMalformedCrit() {
        Scenario crit = verifier.scenario();
        crit.vcHeader = h -> h.put("crit", List.of("sigT", "exotic"));
        refused(Reason.VC_MALFORMED, crit);
    }

    @Test
    void credentialMalformedX5c() {
        Scenario x5c = verifier.scenario();
        x5c.x5c = List.of("bm90IGEgY2VydA==");
        refused(Reason.VC_MALFORMED, x5c);
    }

    @Test
    void credentialMalformedBadDate() {
        Scenario badDate = verifier.scenario();
        badDate.vcPayload = p -> vc(p).put("validUntil", "next year");
        refused(Reason.VC_MALFORMED, badDate);
    }

    @Test
    void credentialAlgorithm() {
        Scenario hs = verifier.scenario();
        String vc = TestJwts.unsigned(
                TestJwts.header("HS256"),
                Scenario.Credentials.v2(Scenario.ISSUER_DID, hs.machine.did(), hs.now),
                "c2ln");
        refused(Reason.VC_ALG_NOT_ALLOWED, hs.assertionWith(hs.presentation(vc)), Optional.empty());
    }

    @Test
    void credentialSignatureAndCertificateWrongKey() {
        Scenario wrongKey = verifier.scenario();
        wrongKey.issuerCert = new TestPki.Issued(
                verifier.rsaIssuer.certificate(), TestPki.rsa(2048).getPrivate());
        refused(Reason.VC_SIGNATURE_INVALID, wrongKey);
    }

    @Test
    void credentialSignatureAndCertificateAlgMismatch() {
        Scenario algMismatch = verifier.scenario();
        algMismatch.vcAlg = "ES256"; // header says ES256, the x5c leaf is RSA (the real-world NEG sample)
        algMismatch.issuerCert = new TestPki.Issued(
                verifier.rsaIssuer.certificate(), TestPki.ec().getPrivate());
        refused(Reason.VC_SIGNATURE_INVALID, algMismatch);
    }

    @Test
    void credentialSignatureAndCertificateSelfSigned() {
        Scenario selfSigned = verifier.scenario();
        TestPki.Issued forged = TestPki.selfSigned(Scenario.ORG);
        selfSigned.issuerCert = forged;
        selfSigned.x5c = List.of(forged.x5c());
        refused(Reason.VC_CERTIFICATE_UNTRUSTED, selfSigned);
    }

    @Test
    void credentialSignatureAndCertificateNoX5c() {
        Scenario noX5c = verifier.scenario();
        noX5c.vcHeader = h -> h.remove("x5c");
        refused(Reason.VC_CERTIFICATE_UNTRUSTED, noX5c);
    }

    @Test
    void credentialSignatureAndCertificateMismatch() {
        Scenario mismatch = verifier.scenario();
        mismatch.issuerId = "did:elsi:VATES-B00000000";
        TestVerifier listsOther = TestVerifier.withIssuers(
                "{\"issuers\":[{\"id\":\"did:elsi:VATES-B00000000\",\"credentialTypes\":[\"LEARCredentialMachine\"]}]}");
        OAuthException e = assertThrows(
                OAuthException.class,
                () -> listsOther.authenticator.authenticate(mismatch.assertion(), Optional.empty()));
        assertEquals(Reason.VC_CERTIFICATE_MISMATCH, e.reason());
    }

    @Test
    void credentialExpiredCertificateIsUntrusted() {
        Scenario s = verifier.scenario();
        String assertion = s.assertion();
        verifier.clock.advance(Duration.ofDays(400)); // beyond the leaf certificate's notAfter
        OAuthException e = assertThrows(
                OAuthException.class, () -> verifier.authenticator.authenticate(reissue(s), Optional.empty()));
        assertEquals(Reason.VC_CERTIFICATE_UNTRUSTED, e.reason());
        assertEquals(3, assertion.split("\\.").length);
    }

    private String reissue(Scenario s) {
        s.now = verifier.clock.instant();
        s.vcPayload = p -> {
            vc(p).put("validUntil", s.now.plusSeconds(86_400).toString());
            p.put("exp", s.now.plusSeconds(86_400).getEpochSecond());
        };
        return s.assertion();
    }

    @Test
    void unlistedElsiIssuerIsUntrusted() {
        TestPki.Issued unlisted = verifier.pki.rsaIssuer("VATES-B11111111");
        Scenario s = new Scenario(verifier.pki, unlisted, TestVerifier.ISSUER);
        s.now = verifier.clock.instant();
        s.issuerId = "did:elsi:VATES-B11111111";
        refused(Reason.VC_ISSUER_UNTRUSTED, s);
    }

    @Test
    void didWebIssuerIsUntrusted() {
        Scenario didWeb = verifier.scenario();
        didWeb.issuerId = "did:web:issuer.example";
        refused(Reason.VC_ISSUER_UNTRUSTED, didWeb);
    }

    @Test
    void issuerListedOnlyForAnotherCredentialTypeIsUntrusted() {
        TestVerifier employeeOnly = TestVerifier.withIssuers("{\"issuers\":[{\"id\":\"" + Scenario.ISSUER_DID
                + "\",\"credentialTypes\":[\"LEARCredentialEmployee\"]}]}");
        Scenario wrongType = new Scenario(verifier.pki, verifier.rsaIssuer, TestVerifier.ISSUER);
        OAuthException e = assertThrows(
                OAuthException.class,
                () -> employeeOnly.authenticator.authenticate(wrongType.assertion(), Optional.empty()));
        assertEquals(Reason.VC_ISSUER_UNTRUSTED, e.reason());
    }

    @Test
    void credentialDidKeyIssuer() {
        TestMachine issuer = TestMachine.p256();
        TestVerifier listsDidKey = TestVerifier.withIssuers(
                "{\"issuers\":[{\"id\":\"" + issuer.did() + "\",\"credentialTypes\":[\"LEARCredentialMachine\"]}]}");
        Scenario s = new Scenario(
                verifier.pki,
                new TestPki.Issued(
                        verifier.rsaIssuer.certificate(), issuer.keys().getPrivate()),
                TestVerifier.ISSUER);
        s.issuerId = issuer.did();
        s.vcAlg = "ES256";
        listsDidKey.authenticator.authenticate(s.assertion(), Optional.empty());
        Scenario forged = new Scenario(
                verifier.pki,
                new TestPki.Issued(
                        verifier.rsaIssuer.certificate(),
                        TestMachine.p256().keys().getPrivate()),
                TestVerifier.ISSUER);
        forged.issuerId = issuer.did();
        forged.vcAlg = "ES256";
        OAuthException e = assertThrows(
                OAuthException.class,
                () -> listsDidKey.authenticator.authenticate(forged.assertion(), Optional.empty()));
        assertEquals(Reason.VC_SIGNATURE_INVALID, e.reason());
    }

    @Test
    void credentialValidityExpired() {
        Scenario expired = verifier.scenario();
        expired.vcPayload = p -> vc(p).put(
                        "validUntil", verifier.clock.instant().minusSeconds(61).toString());
        refused(Reason.VC_EXPIRED, expired);
    }

    @Test
    void credentialValidityJwtExp() {
        Scenario jwtExp = verifier.scenario();
        jwtExp.vcPayload =
                p -> p.put("exp", verifier.clock.instant().minusSeconds(61).getEpochSecond());
        refused(Reason.VC_EXPIRED, jwtExp);
    }

    @Test
    void credentialValidityFuture() {
        Scenario future = verifier.scenario();
        future.vcPayload = p ->
                vc(p).put("validFrom", verifier.clock.instant().plusSeconds(61).toString());
        refused(Reason.VC_NOT_YET_VALID, future);
    }

    @Test
    void credentialHolderBindingMandatee() {
        String stranger = TestMachine.p256().did();
        Scenario mandatee = verifier.scenario();
        mandatee.vcPayload = p -> mandatee(p).put("id", stranger);
        refused(Reason.VC_HOLDER_MISMATCH, mandatee);
    }

    @Test
    void credentialHolderBindingSubject() {
        String stranger = TestMachine.p256().did();
        Scenario subject = verifier.scenario();
        subject.vcPayload = p -> subject(p).put("id", stranger);
        refused(Reason.VC_HOLDER_MISMATCH, subject);
    }

    @Test
    void credentialHolderBindingSub() {
        String stranger = TestMachine.p256().did();
        Scenario sub = verifier.scenario();
        sub.vcPayload = p -> p.put("sub", stranger);
        refused(Reason.VC_HOLDER_MISMATCH, sub);
    }

    @Test
    void credentialHolderBindingCnf() {
        String stranger = TestMachine.p256().did();
        Scenario cnf = verifier.scenario();
        cnf.vcPayload = p -> p.put("cnf", Map.of("jwk", jwk(TestMachine.p256())));
        refused(Reason.VC_HOLDER_MISMATCH, cnf);
    }

    @Test
    void credentialHolderBindingGoodCnf() {
        String stranger = TestMachine.p256().did();
        Scenario goodCnf = verifier.scenario();
        goodCnf.vcPayload = p -> p.put("cnf", Map.of("jwk", jwk(goodCnf.machine)));
        authenticate(goodCnf);
    }

    static Map<String, Object> jwk(TestMachine m) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(m.keys().getPublic())
                    .toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
