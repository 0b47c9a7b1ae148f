package io.lear.verifier.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lear.verifier.client.ClientAssertionVerifier;
import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.CompactJws;
import io.lear.verifier.jose.CredentialJwt;
import io.lear.verifier.keys.DidKey;
import io.lear.verifier.keys.DidKeyResolver;
import io.lear.verifier.testsupport.MutableClock;
import io.lear.verifier.trust.CertificateChainValidator;
import io.lear.verifier.trust.Fetcher;
import io.lear.verifier.trust.IssuerSignatures;
import io.lear.verifier.trust.OrganizationIdentifier;
import io.lear.verifier.trust.StatusLists;
import io.lear.verifier.trust.TrustAnchors;
import io.lear.verifier.trust.TrustedIssuersList;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real DOME/IN2 credentials, presentations, assertions and tokens from public sources
 * ({@code shared/fixtures/real-world}, see its README and expected.json). They have expired, so the
 * clock is pinned to each token's signing time. Skipped, with the path in the reason, when the fixtures are not
 * present; failed instead when {@code -Dfixtures.required=true} (CI).
 */
class RealWorldFixturesTest {
    private static Path dir;
    private static Map<String, Object> expected;
    private static X509Certificate digitelG2;

    @BeforeAll
    static void load() throws Exception {
        dir = Path.of(System.getProperty("fixtures.dir", "../shared/fixtures/real-world"));
        boolean present = Files.isRegularFile(dir.resolve("expected.json"));
        // CI runs with -Dfixtures.required=true wherever the fixtures exist, so a wrong path fails instead of skipping.
        assertTrue(
                present || !Boolean.getBoolean("fixtures.required"),
                "real-world fixtures required but not found in " + dir);
        assumeTrue(present, "skipped: real-world fixtures not found in " + dir.toAbsolutePath());
        expected = JsonUtil.parseJson(Files.readString(dir.resolve("expected.json")));
        digitelG2 = cert(Files.readAllBytes(dir.resolve("certs/digitel-ts-advanced-ca-g2.root.pem")));
    }

    private static String jwt(String name) throws Exception {
        return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII).trim();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> facts(String name) {
        return (Map<String, Object>) expected.get(name);
    }

    private static X509Certificate cert(byte[] der) throws Exception {
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static List<X509Certificate> x5c(CompactJws jws) throws Exception {
        List<X509Certificate> out = new ArrayList<>();
        for (String s : jws.header().stringList("x5c")) {
            out.add(cert(Base64.getDecoder().decode(s)));
        }
        return out;
    }

    private static Instant sigT(CompactJws jws) {
        // The JAdES signing time; samples without it fall back to 'iat'.
        return jws.header()
                .string("sigT")
                .map(Instant::parse)
                .orElseGet(() -> jws.payload().numericDate("iat").orElseThrow());
    }

    @Test
    void everySignatureVerifiesAsExpectedJson() throws Exception {
        int checked = 0;
        for (String name : expected.keySet()) {
            Map<String, Object> f = facts(name);
            CompactJws jws = CompactJws.parse(jwt(name), Reason.VC_MALFORMED, name, CompactJws.MAX_VC_CHARS);
            String keySource = (String) f.get("signature_key");
            boolean valid;
            if ("x5c[0]".equals(keySource)) {
                valid = jws.verify(x5c(jws).get(0).getPublicKey(), jws.alg());
            } else {
                valid = jws.verify(DidKey.parse(keySource).publicKey(), jws.alg());
            }
            assertEquals("valid".equals(f.get("signature_expected")), valid, name);
            checked++;
        }
        assertEquals(expected.size(), checked);
    }

    @Test
    void certificateChainsAsExpectedJson() throws Exception {
        CertificateChainValidator g2 =
                new CertificateChainValidator(TrustAnchors.of(List.of(digitelG2)), Duration.ZERO);
        for (String name : expected.keySet()) {
            Map<String, Object> f = facts(name);
            if (!"VC".equals(f.get("kind"))) {
                continue;
            }
            CompactJws jws = CompactJws.parse(jwt(name), Reason.VC_MALFORMED, name, CompactJws.MAX_VC_CHARS);
            boolean trusted = trusted(g2, x5c(jws), sigT(jws));
            boolean expectTrusted = "certs/digitel-ts-advanced-ca-g2.root.pem".equals(f.get("trust_anchor_pem"));
            assertEquals(expectTrusted, trusted, name);
            if (!trusted) {
                continue;
            }
            // The anchor must not trust a chain at a time when the leaf was not yet valid.
            assertFalse(trusted(g2, x5c(jws), Instant.parse("2024-01-01T00:00:00Z")), name);
        }
        X509Certificate leaf = cert(Files.readAllBytes(dir.resolve("certs/leaf-zeus-olimpos-VATEU-B99999999.pem")));
        assertEquals(List.of("VATEU-B99999999"), OrganizationIdentifier.of(leaf));
        X509Certificate seal = cert(Files.readAllBytes(dir.resolve("certs/leaf-seal-sbx-in2-VATES-B60645900.pem")));
        assertEquals(List.of("VATES-B60645900"), OrganizationIdentifier.of(seal));
    }

    @Test
    void realMachineCredentialsVerifyWithPinnedClock() throws Exception {
        for (String name : List.of(
                "vc-machine-v1-dome-issuer-zeus-x5c1-2025-03.jwt",
                "vc-machine-v1-dome-issuer-zeus-x5c1-2025-02-paymentscheduler.jwt",
                "vc-machine-v1-dome-sbx-seal-x5c2-2025-06.jwt")) {
            CompactJws jws = CompactJws.parse(jwt(name), Reason.VC_MALFORMED, name, CompactJws.MAX_VC_CHARS);
            MachineCredential parsed = MachineCredentialParser.parse(jws);
            MachineCredential vc = verifier(sigT(jws), parsed.issuerId())
                    .verify(List.of(jwt(name)), DidKey.parse(parsed.mandatee().id()));
            assertTrue(vc.types().contains("LEARCredentialMachine"), name);
            assertFalse(vc.powers().isEmpty(), name);
            assertTrue(vc.validFrom().isPresent() && vc.validUntil().isPresent(), name);
        }
    }

    @Test
    void sbxMachineIsTrustedByVcIssuerNotJwtIss() throws Exception {
        String name = "vc-machine-v1-dome-sbx-seal-x5c2-2025-06.jwt";
        CompactJws jws = CompactJws.parse(jwt(name), Reason.VC_MALFORMED, name, CompactJws.MAX_VC_CHARS);
        MachineCredential vc = MachineCredentialParser.parse(jws);
        assertEquals("did:elsi:VATES-B60645900", vc.issuerId());
        assertEquals(Optional.of("did:elsi:VATEU-B99999999"), vc.jwtIssuer());
        // Listing only the JWT 'iss' must not make the credential trusted.
        OAuthException e = assertThrows(
                OAuthException.class,
                () -> verifier(sigT(jws), "did:elsi:VATEU-B99999999")
                        .verify(List.of(jwt(name)), DidKey.parse(vc.mandatee().id())));
        assertEquals(Reason.VC_ISSUER_UNTRUSTED, e.reason());
    }

    @Test
    void negativeMachineCredentialIsRefusedForItsSignature() throws Exception {
        String name = "vc-machine-NEG-es256-subjectsigned-rsa-x5c1.jwt";
        CompactJws jws = CompactJws.parse(jwt(name), Reason.VC_MALFORMED, name, CompactJws.MAX_VC_CHARS);
        MachineCredential vc = MachineCredentialParser.parse(jws);
        OAuthException e = assertThrows(
                OAuthException.class,
                () -> verifier(Instant.parse("2024-06-01T00:00:00Z"), vc.issuerId())
                        .verify(List.of(jwt(name)), DidKey.parse(vc.mandatee().id())));
        assertEquals(Reason.VC_SIGNATURE_INVALID, e.reason());
    }

    @Test
    void employeeCredentialsParseButAreNotMachines() throws Exception {
        for (String name : expected.keySet()) {
            if (!name.startsWith("vc-employee")) {
                continue;
            }
            CompactJws jws = CompactJws.parse(jwt(name), Reason.VC_MALFORMED, name, CompactJws.MAX_VC_CHARS);
            assertTrue(CredentialJwt.types(CredentialJwt.credentialJson(jws)).contains("LEARCredentialEmployee"), name);
            OAuthException e = assertThrows(
                    OAuthException.class,
                    () -> verifier(sigT(jws), "did:elsi:X")
                            .verify(
                                    List.of(jwt(name)),
                                    DidKey.parse("did:key:zDnaeV2n9nK8Uabvcgaa9XdJkdbqUahLLpbt4WqS83F8pPCv7")));
            assertEquals(Reason.VC_TYPE_INVALID, e.reason(), name);
        }
    }

    @Test
    void presentations() throws Exception {
        for (String name : List.of("vp-employee-zeus.jwt", "vp-employee-jesusruiz.jwt")) {
            CompactJws jws = CompactJws.parse(jwt(name), Reason.VP_MALFORMED, name, CompactJws.MAX_VP_CHARS);
            String holder = jws.payload().string("iss").orElseThrow();
            List<String> vcs = presentations(jws).verify(jwt(name), DidKey.parse(holder));
            assertEquals(1, vcs.size(), name);
        }
        expectVp("vp-machine-NEG-signed-by-mandatee-not-iss.jwt", Reason.VP_SIGNATURE_INVALID);
        expectVp("vp-edge-vc-empty-array.jwt", Reason.VP_MALFORMED);
        expectVp("vp-edge-vc-not-array.jwt", Reason.VP_MALFORMED);
        expectVp("vp-edge-vc-not-string.jwt", Reason.VP_MALFORMED);
        for (String name : List.of("vp-edge-vc-invalid-jwt-string.jwt", "vp-edge-vc-inner-hs256-jwt.jwt")) {
            CompactJws jws = CompactJws.parse(jwt(name), Reason.VP_MALFORMED, name, CompactJws.MAX_VP_CHARS);
            DidKey holder = DidKey.parse(jws.payload().string("iss").orElseThrow());
            List<String> vcs = presentations(jws).verify(jwt(name), holder);
            OAuthException e = assertThrows(
                    OAuthException.class,
                    () -> verifier(Instant.now(), "did:elsi:X").verify(vcs, holder));
            assertEquals(Reason.VC_MALFORMED, e.reason(), name);
        }
    }

    private void expectVp(String name, Reason reason) throws Exception {
        CompactJws jws = CompactJws.parse(jwt(name), Reason.VP_MALFORMED, name, CompactJws.MAX_VP_CHARS);
        DidKey holder = DidKey.parse(jws.payload().string("iss").orElseThrow());
        OAuthException e =
                assertThrows(OAuthException.class, () -> presentations(jws).verify(jwt(name), holder));
        assertEquals(reason, e.reason(), name);
    }

    @Test
    void clientAssertions() throws Exception {
        String name = "client-assertion-m2m-vp_token-in2issuer.jwt";
        CompactJws jws = CompactJws.parse(jwt(name), Reason.ASSERTION_MALFORMED, name, CompactJws.MAX_ASSERTION_CHARS);
        MutableClock clock = new MutableClock(jws.payload().numericDate("iat").orElseThrow());
        VerifierConfig config = VerifierConfig.from(
                k -> k.equals("verifier.issuer") ? Optional.of("http://localhost:9000") : Optional.empty());
        // Its signature and audience are right, but it lives a year: refused for its lifetime.
        OAuthException e = assertThrows(
                OAuthException.class,
                () -> new ClientAssertionVerifier(config, clock, new DidKeyResolver())
                        .verify(jwt(name), Optional.empty()));
        assertEquals(Reason.ASSERTION_LIFETIME_TOO_LONG, e.reason());
        // iSHARE assertions (RS256 with x5c) are not DOME M2M client assertions.
        OAuthException ishare = assertThrows(
                OAuthException.class,
                () -> new ClientAssertionVerifier(config, clock, new DidKeyResolver())
                        .verify(jwt("client-assertion-ishare-in2-x5c4.jwt"), Optional.empty()));
        assertEquals(Reason.ASSERTION_ALG_NOT_ALLOWED, ishare.reason());
    }

    /** Real DIGITEL seals fit the seal profile of §15.1 (digitalSignature + nonRepudiation, EKU clientAuth + email). */
    private static boolean trusted(CertificateChainValidator v, List<X509Certificate> chain, Instant at) {
        try {
            v.requireTrusted(chain, at);
            return true;
        } catch (io.lear.verifier.error.OAuthException e) {
            assertEquals(Reason.VC_CERTIFICATE_UNTRUSTED, e.reason());
            return false;
        }
    }

    @Test
    void accessTokensOfDomeVerifiersCarryParsableCredentials() throws Exception {
        String name = "access-token-dome-sbx-verifier-machine-v2.jwt";
        CompactJws jws = CompactJws.parse(jwt(name), Reason.VC_MALFORMED, name, CompactJws.MAX_VC_CHARS);
        MachineCredential vc = MachineCredentialParser.parse(jws);
        assertEquals("VATES-A15456585", vc.mandator().organizationIdentifier());
        assertEquals(1, vc.statuses().size());
        io.lear.verifier.trust.StatusEntry status = vc.statuses().get(0);
        assertEquals("BitstringStatusListEntry", status.type());
        assertEquals(Optional.of(94323L), status.index());
        assertFalse(vc.powers().isEmpty());
    }

    private static CredentialVerifier verifier(Instant at, String trustedIssuer) {
        VerifierConfig config = VerifierConfig.from(k -> Optional.empty());
        IssuerSignatures keys = new IssuerSignatures(
                new CertificateChainValidator(TrustAnchors.of(List.of(digitelG2)), Duration.ZERO),
                new DidKeyResolver());
        MutableClock clock = new MutableClock(at);
        return new CredentialVerifier(
                config,
                clock,
                keys,
                TrustedIssuersList.fromJson("{\"issuers\":[{\"id\":\"" + trustedIssuer
                        + "\",\"credentialTypes\":[\"LEARCredentialMachine\"]}]}"),
                Optional.empty(),
                new StatusLists(
                        new Fetcher(java.time.Duration.ofSeconds(1), false),
                        keys,
                        clock,
                        java.time.Duration.ofSeconds(300),
                        java.time.Duration.ofSeconds(3600),
                        Duration.ZERO,
                        Runnable::run,
                        Optional.empty()));
    }

    private static PresentationVerifier presentations(CompactJws vp) {
        Instant at = vp.payload().numericDate("iat").orElse(Instant.now());
        return new PresentationVerifier(VerifierConfig.from(k -> Optional.empty()), new MutableClock(at));
    }

    @Test
    void issuerSerialKidAndSigTAreAccepted() throws Exception {
        CompactJws jws = CompactJws.parse(
                jwt("vc-machine-v1-dome-issuer-zeus-x5c1-2025-03.jwt"),
                Reason.VC_MALFORMED,
                "vc",
                CompactJws.MAX_VC_CHARS);
        assertEquals(List.of("sigT"), jws.critical());
        assertTrue(Set.of("jose").contains(jws.header().string("typ").orElse("jose")));
    }
}
