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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal of the client authentication, through the real components, one change at a time: tables of one
 * change each per check, then the cases that need more than one change or another verifier.
 */
class ClientAuthenticatorTest {
    private final TestVerifier verifier = TestVerifier.create();

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

    /** One change to an otherwise valid request, made with the verifier the test runs against. */
    @FunctionalInterface
    interface Change {
        void apply(Scenario s, TestVerifier v);
    }

    private static Arguments row(String change, Reason reason, Change apply) {
        return Arguments.of(change, reason, apply);
    }

    private static Arguments ok(String change, Change apply) {
        return Arguments.of(change, null, apply);
    }

    /** A JSON number far beyond any parser's comfort: 2,000 digits, or an exponent of a million. */
    private static final BigInteger HUGE = new BigInteger("9".repeat(2000));

    private static final BigDecimal HUGE_EXPONENT = new BigDecimal("1E+1000000");

    private static long epoch(Scenario s, long plusSeconds) {
        return s.now.getEpochSecond() + plusSeconds;
    }

    /** Profile §5: the client assertion. */
    static Stream<Arguments> assertionChanges() {
        return Stream.of(
                row("no exp", Reason.ASSERTION_MALFORMED, (s, v) -> s.assertionPayload = p -> p.remove("exp")),
                row(
                        "crit b64",
                        Reason.ASSERTION_MALFORMED,
                        (s, v) -> s.assertionHeader = h -> {
                            h.put("crit", List.of("b64"));
                            h.put("b64", true);
                        }),
                row(
                        "exp a string",
                        Reason.ASSERTION_MALFORMED,
                        (s, v) -> s.assertionPayload = p -> p.put("exp", "tomorrow")),
                row(
                        "a 2,000-digit number",
                        Reason.ASSERTION_MALFORMED,
                        (s, v) -> s.assertionPayload = p -> p.put("n", HUGE)),
                row(
                        "a number with an exponent of a million",
                        Reason.ASSERTION_MALFORMED,
                        (s, v) -> s.assertionPayload = p -> p.put("n", HUGE_EXPONENT)),
                row(
                        "exp with an exponent of a million",
                        Reason.ASSERTION_MALFORMED,
                        (s, v) -> s.assertionPayload = p -> p.put("exp", HUGE_EXPONENT)),
                // An Ed25519 did:key with an ES256 assertion.
                row(
                        "ES256 for an Ed25519 did:key",
                        Reason.ASSERTION_ALG_NOT_ALLOWED,
                        (s, v) -> s.machine = new TestMachine(
                                TestPki.ec(), TestMachine.ed25519().did(), "ES256")),
                row(
                        "kid of another did:key",
                        Reason.ASSERTION_KEY_UNRESOLVABLE,
                        (s, v) -> s.assertionHeader =
                                h -> h.put("kid", TestMachine.p256().did())),
                row(
                        "sub another did:key",
                        Reason.ASSERTION_SUBJECT_MISMATCH,
                        (s, v) -> s.assertionPayload =
                                p -> p.put("sub", TestMachine.p256().did())),
                row("no iss", Reason.ASSERTION_SUBJECT_MISMATCH, (s, v) -> s.assertionPayload = p -> p.remove("iss")),
                row(
                        "aud a look-alike host",
                        Reason.ASSERTION_AUDIENCE_INVALID,
                        (s, v) -> s.assertionPayload = p -> p.put("aud", "https://verifier.example.org.evil")),
                row("no aud", Reason.ASSERTION_AUDIENCE_INVALID, (s, v) -> s.assertionPayload = p -> p.remove("aud")),
                row(
                        "aud the issuer with two trailing slashes",
                        Reason.ASSERTION_AUDIENCE_INVALID,
                        (s, v) -> s.assertionPayload = p -> p.put("aud", TestVerifier.ISSUER + "//")),
                row(
                        "expired beyond the skew",
                        Reason.ASSERTION_EXPIRED,
                        (s, v) -> s.assertionPayload = p -> {
                            p.put("iat", epoch(s, -300));
                            p.put("exp", epoch(s, -61));
                        }),
                row(
                        "iat beyond the skew",
                        Reason.ASSERTION_NOT_YET_VALID,
                        (s, v) -> s.assertionPayload = p -> p.put("iat", epoch(s, 61))),
                row(
                        "nbf in the future",
                        Reason.ASSERTION_NOT_YET_VALID,
                        (s, v) -> s.assertionPayload = p -> p.put("nbf", epoch(s, 120))),
                row(
                        "lives 601 s",
                        Reason.ASSERTION_LIFETIME_TOO_LONG,
                        (s, v) -> s.assertionPayload = p -> p.put("exp", epoch(s, 601))),
                row(
                        "no iat, exp in an hour",
                        Reason.ASSERTION_LIFETIME_TOO_LONG,
                        (s, v) -> s.assertionPayload = p -> {
                            p.remove("iat");
                            p.put("exp", epoch(s, 3600));
                        }),
                row("no jti", Reason.ASSERTION_JTI_MISSING, (s, v) -> s.assertionPayload = p -> p.remove("jti")),
                row("empty jti", Reason.ASSERTION_JTI_MISSING, (s, v) -> s.assertionPayload = p -> p.put("jti", "")),
                row(
                        "jti of 257 characters",
                        Reason.ASSERTION_JTI_TOO_LONG,
                        (s, v) -> s.assertionPayload = p -> p.put("jti", "j".repeat(257))));
    }

    /** Profile §6: the presentation. */
    static Stream<Arguments> presentationChanges() {
        Stream<Arguments> credentialLists = Stream.of(
                        List.of(), "not-array", List.of(1), Collections.nCopies(11, "a.b.c"))
                .map(vcs -> row(
                        "verifiableCredential " + vcs,
                        Reason.VP_MALFORMED,
                        (s, v) -> s.vpPayload = p -> vp(p).put("verifiableCredential", vcs)));
        return Stream.concat(
                credentialLists,
                Stream.of(
                        row("no vp_token", Reason.VP_MISSING, (s, v) -> s.assertionPayload = p -> p.remove("vp_token")),
                        row(
                                "vp_token an array",
                                Reason.VP_MALFORMED,
                                (s, v) -> s.assertionPayload = p -> p.put("vp_token", List.of("x"))),
                        row(
                                "vp_token not Base64",
                                Reason.VP_MALFORMED,
                                (s, v) -> s.vpEncoding = vp -> "%%%not base64%%%"),
                        row("no vp claim", Reason.VP_MALFORMED, (s, v) -> s.vpPayload = p -> p.remove("vp")),
                        row(
                                "type not VerifiablePresentation",
                                Reason.VP_MALFORMED,
                                (s, v) -> s.vpPayload = p -> vp(p).put("type", List.of("VerifiableCredential"))),
                        row("a 2,000-digit number", Reason.VP_MALFORMED, (s, v) -> s.vpPayload = p -> p.put("n", HUGE)),
                        row(
                                "holder another did:key",
                                Reason.VP_HOLDER_MISMATCH,
                                (s, v) -> s.vpPayload = p ->
                                        vp(p).put("holder", TestMachine.p256().did())),
                        row(
                                "iss another did:key",
                                Reason.VP_HOLDER_MISMATCH,
                                (s, v) -> s.vpPayload =
                                        p -> p.put("iss", TestMachine.p256().did())),
                        row("no holder, iss or kid", Reason.VP_HOLDER_MISMATCH, (s, v) -> {
                            s.vpHeader = h -> h.remove("kid");
                            s.vpPayload = p -> {
                                p.remove("iss");
                                vp(p).remove("holder");
                            };
                        }),
                        row(
                                "expired beyond the skew",
                                Reason.VP_EXPIRED,
                                (s, v) -> s.vpPayload = p -> p.put("exp", epoch(s, -61))),
                        row(
                                "nbf beyond the skew",
                                Reason.VP_NOT_YET_VALID,
                                (s, v) -> s.vpPayload = p -> p.put("nbf", epoch(s, 61))),
                        row(
                                "aud another verifier",
                                Reason.VP_AUDIENCE_INVALID,
                                (s, v) -> s.vpPayload =
                                        p -> p.put("aud", "https://verifier.dome-marketplace.eu/token"))));
    }

    /** Profile §7–§9: the machine credential, its seal, its issuer, its validity and its holder. */
    static Stream<Arguments> credentialChanges() {
        return Stream.of(
                row(
                        "type LEARCredentialEmployee",
                        Reason.VC_TYPE_INVALID,
                        (s, v) -> s.vcPayload =
                                p -> vc(p).put("type", List.of("LEARCredentialEmployee", "VerifiableCredential"))),
                row(
                        "no mandatee",
                        Reason.VC_MALFORMED,
                        (s, v) -> s.vcPayload = p -> mandate(p).remove("mandatee")),
                row(
                        "crit not understood",
                        Reason.VC_MALFORMED,
                        (s, v) -> s.vcHeader = h -> h.put("crit", List.of("sigT", "exotic"))),
                row("x5c not a certificate", Reason.VC_MALFORMED, (s, v) -> s.x5c = List.of("bm90IGEgY2VydA==")),
                row(
                        "validUntil not a date",
                        Reason.VC_MALFORMED,
                        (s, v) -> s.vcPayload = p -> vc(p).put("validUntil", "next year")),
                row("a 2,000-digit number", Reason.VC_MALFORMED, (s, v) -> s.vcPayload = p -> p.put("n", HUGE)),
                row(
                        "signed by another key than the x5c leaf's",
                        Reason.VC_SIGNATURE_INVALID,
                        (s, v) -> s.issuerCert = new TestPki.Issued(
                                v.rsaIssuer.certificate(), TestPki.rsa(2048).getPrivate())),
                // The header says ES256, the x5c leaf is RSA (the real-world NEG sample).
                row("ES256 under an RSA leaf", Reason.VC_SIGNATURE_INVALID, (s, v) -> {
                    s.vcAlg = "ES256";
                    s.issuerCert = new TestPki.Issued(
                            v.rsaIssuer.certificate(), TestPki.ec().getPrivate());
                }),
                row("a self-signed seal", Reason.VC_CERTIFICATE_UNTRUSTED, (s, v) -> {
                    TestPki.Issued forged = TestPki.selfSigned(Scenario.ORG);
                    s.issuerCert = forged;
                    s.x5c = List.of(forged.x5c());
                }),
                row("no x5c", Reason.VC_CERTIFICATE_UNTRUSTED, (s, v) -> s.vcHeader = h -> h.remove("x5c")),
                row("issuer a did:web", Reason.VC_ISSUER_UNTRUSTED, (s, v) -> s.issuerId = "did:web:issuer.example"),
                row(
                        "validUntil beyond the skew",
                        Reason.VC_EXPIRED,
                        (s, v) -> s.vcPayload = p ->
                                vc(p).put("validUntil", s.now.minusSeconds(61).toString())),
                row(
                        "JWT exp beyond the skew",
                        Reason.VC_EXPIRED,
                        (s, v) -> s.vcPayload = p -> p.put("exp", epoch(s, -61))),
                row(
                        "validFrom beyond the skew",
                        Reason.VC_NOT_YET_VALID,
                        (s, v) -> s.vcPayload = p ->
                                vc(p).put("validFrom", s.now.plusSeconds(61).toString())),
                row(
                        "mandatee another did:key",
                        Reason.VC_HOLDER_MISMATCH,
                        (s, v) -> s.vcPayload =
                                p -> mandatee(p).put("id", TestMachine.p256().did())),
                row(
                        "credentialSubject another did:key",
                        Reason.VC_HOLDER_MISMATCH,
                        (s, v) -> s.vcPayload =
                                p -> subject(p).put("id", TestMachine.p256().did())),
                row(
                        "sub another did:key",
                        Reason.VC_HOLDER_MISMATCH,
                        (s, v) -> s.vcPayload =
                                p -> p.put("sub", TestMachine.p256().did())),
                row(
                        "cnf.jwk another key",
                        Reason.VC_HOLDER_MISMATCH,
                        (s, v) ->
                                s.vcPayload = p -> p.put("cnf", Map.of("jwk", Scenario.publicJwk(TestMachine.p256())))),
                row(
                        "cnf.kid another did:key",
                        Reason.VC_HOLDER_MISMATCH,
                        (s, v) -> s.vcPayload = p ->
                                p.put("cnf", Map.of("kid", TestMachine.p256().did()))));
    }

    /** Changes the profile allows: each must still authenticate. */
    static Stream<Arguments> acceptedChanges() {
        return Stream.of(
                ok("an Ed25519 machine", (s, v) -> s.machine = TestMachine.ed25519()),
                // A lying embedded key and a jku must not be used; the kid with a fragment names the did:key.
                ok(
                        "header jwk of another key, jku, kid with fragment",
                        (s, v) -> s.assertionHeader = h -> {
                            h.put("kid", s.machine.did() + "#" + s.machine.did().substring(8));
                            h.put("jwk", Scenario.publicJwk(TestMachine.p256()));
                            h.put("jku", "https://attacker.example/jwks");
                        }),
                ok(
                        "assertion expired within the skew",
                        (s, v) -> s.assertionPayload = p -> p.put("exp", epoch(s, -59))),
                ok("jti of 256 characters", (s, v) -> s.assertionPayload = p -> p.put("jti", "j".repeat(256))),
                ok(
                        "aud the issuer with one trailing slash",
                        (s, v) -> s.assertionPayload = p -> p.put("aud", TestVerifier.ISSUER + "/")),
                ok("VP without aud", (s, v) -> s.vpPayload = p -> p.remove("aud")),
                ok(
                        "cnf.kid naming the client",
                        (s, v) -> s.vcPayload = p -> p.put(
                                "cnf",
                                Map.of(
                                        "kid",
                                        s.machine.did() + "#" + s.machine.did().substring(8)))),
                ok(
                        "cnf.jwk the client's key",
                        (s, v) -> s.vcPayload = p -> p.put("cnf", Map.of("jwk", Scenario.publicJwk(s.machine)))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource({"assertionChanges", "presentationChanges", "credentialChanges"})
    void oneChangeIsRefusedWithItsReason(String change, Reason reason, Change apply) {
        Scenario s = verifier.scenario();
        apply.apply(s, verifier);
        refused(reason, s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedChanges")
    void oneAllowedChangeStillAuthenticates(String change, Reason none, Change apply) {
        Scenario s = verifier.scenario();
        apply.apply(s, verifier);
        assertEquals(s.machine.did(), authenticate(s).clientId());
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
    void assertionMalformedLiteral() {
        refused(Reason.ASSERTION_MALFORMED, "not-a-jwt", Optional.empty());
        refused(Reason.ASSERTION_MALFORMED, "a.b", Optional.empty());
        refused(
                Reason.ASSERTION_MALFORMED,
                TestJwts.b64("{\"alg\":\"ES256\"}") + "." + TestJwts.b64("[1]") + ".c2ln",
                Optional.empty());
    }

    @Test
    void assertionOf40000CharactersOfGarbageIsMalformed() {
        // "exp" as a string is a row of assertionChanges.
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
    void assertionSubjectMismatchClientId() {
        Scenario clientId = verifier.scenario();
        refused(
                Reason.ASSERTION_SUBJECT_MISMATCH,
                clientId.assertion(),
                Optional.of(TestMachine.p256().did()));
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

    private String employeeCredential() {
        Scenario employee = verifier.scenario();
        employee.vcPayload = p -> vc(p).put("type", List.of("LEARCredentialEmployee", "VerifiableCredential"));
        return employee.credential();
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
    void credentialAlgorithm() {
        Scenario hs = verifier.scenario();
        String vc = TestJwts.unsigned(
                TestJwts.header("HS256"),
                Scenario.Credentials.v2(Scenario.ISSUER_DID, hs.machine.did(), hs.now),
                "c2ln");
        refused(Reason.VC_ALG_NOT_ALLOWED, hs.assertionWith(hs.presentation(vc)), Optional.empty());
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
}
