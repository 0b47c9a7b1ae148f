package io.lear.verifier.trust;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.TestPki;
import io.lear.verifier.testsupport.TestPki.Issued;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/**
 * Profile §6/§7.1/§15.1: any configured CA certificate, root or intermediate, is an anchor; the leaf
 * is a seal (not a CA, signing key usage, not TLS-only); signatures SHA-256+, keys RSA ≥ 2048 /
 * EC ≥ P-256 along the path; every certificate of the path, the anchor included, valid now ± skew.
 * Each refusal is 401 invalid_client vc_certificate_untrusted.
 */
class CertificateChainValidatorTest {
    private static final TestPki PKI = TestPki.create("Chain");
    private static final Issued LEAF = PKI.rsaIssuer("VATES-Q0000000J");
    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final Instant NOW = Instant.now();

    private static CertificateChainValidator anchoredAt(Issued... anchors) {
        return new CertificateChainValidator(
                TrustAnchors.of(java.util.Arrays.stream(anchors)
                        .map(Issued::certificate)
                        .toList()),
                SKEW);
    }

    private static void trusted(CertificateChainValidator v, Issued... chain) {
        assertDoesNotThrow(() -> v.requireTrusted(certs(chain), NOW));
    }

    private static void untrusted(CertificateChainValidator v, Instant at, Issued... chain) {
        OAuthException e = assertThrows(OAuthException.class, () -> v.requireTrusted(certs(chain), at));
        assertEquals(Reason.VC_CERTIFICATE_UNTRUSTED, e.reason(), e.description());
        assertEquals(401, e.status());
        assertEquals("invalid_client", e.error().code());
    }

    private static void untrusted(Issued... chain) {
        untrusted(anchoredAt(PKI.root), NOW, chain);
    }

    private static List<java.security.cert.X509Certificate> certs(Issued... chain) {
        return java.util.Arrays.stream(chain).map(Issued::certificate).toList();
    }

    /** A seal from the intermediate CA, valid for a year, with exactly the given extensions. */
    private static Issued seal(TestPki.Extensions extensions) {
        return seal(TestPki.rsa(2048), "SHA256withRSA", extensions);
    }

    private static Issued seal(KeyPair keys, String sigAlg, TestPki.Extensions extensions) {
        return TestPki.custom(
                TestPki.sealSubject("VATES-Q0000000J"),
                keys,
                PKI.intermediate,
                NOW.minus(1, ChronoUnit.DAYS),
                NOW.plus(365, ChronoUnit.DAYS),
                sigAlg,
                extensions);
    }

    /** What real DOME seals carry: digitalSignature + nonRepudiation, EKU clientAuth + emailProtection. */
    private static void domeSealExtensions(org.bouncycastle.cert.X509v3CertificateBuilder b) throws Exception {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
            KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_emailProtection
        }));
    }

    /** A CA certificate valid from yesterday for a year, signed by {@code parent} (itself when null). */
    private static Issued ca(String name, KeyPair keys, Issued parent, String sigAlg) {
        return TestPki.custom(
                new X500Name("CN=" + name + ",O=LEAR Test,C=EU"),
                keys,
                parent,
                NOW.minus(1, ChronoUnit.DAYS),
                NOW.plus(365, ChronoUnit.DAYS),
                sigAlg,
                TestPki::caExtensions);
    }

    /** A plain signing seal issued by {@code ca}. */
    private static Issued sealFrom(Issued ca) {
        return TestPki.custom(
                TestPki.sealSubject("VATES-Q0000000J"),
                TestPki.rsa(2048),
                ca,
                NOW.minus(1, ChronoUnit.DAYS),
                NOW.plus(365, ChronoUnit.DAYS),
                "SHA256withRSA",
                keyUsage(KeyUsage.digitalSignature));
    }

    private static TestPki.Extensions keyUsage(int bits) {
        return b -> b.addExtension(Extension.keyUsage, true, new KeyUsage(bits));
    }

    private static TestPki.Extensions signingUsageWithEku(KeyPurposeId... purposes) {
        return b -> {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
        };
    }

    @Test
    void rootAnchorTrustsLeafWithIntermediate() {
        trusted(anchoredAt(PKI.root), LEAF, PKI.intermediate);
    }

    @Test
    void leafWithoutItsIntermediateIsUntrusted() {
        untrusted(LEAF);
    }

    @Test
    void intermediateAnchorTrustsLeafAloneAndWithExtraCertificates() {
        trusted(anchoredAt(PKI.intermediate), LEAF);
        trusted(anchoredAt(PKI.intermediate), LEAF, PKI.intermediate, PKI.root);
    }

    @Test
    void chainToAnotherAnchorIsUntrusted() {
        untrusted(anchoredAt(TestPki.create("Other").root), NOW, LEAF, PKI.intermediate);
    }

    @Test
    void noAnchorsTrustNothing() {
        untrusted(new CertificateChainValidator(TrustAnchors.none(), SKEW), NOW, LEAF);
    }

    @Test
    void realDomeSealProfilePasses() {
        trusted(anchoredAt(PKI.root), seal(CertificateChainValidatorTest::domeSealExtensions), PKI.intermediate);
    }

    @Test
    void nonRepudiationAloneIsASigningUsage() {
        trusted(anchoredAt(PKI.root), seal(keyUsage(KeyUsage.nonRepudiation)), PKI.intermediate);
    }

    @Test
    void leafAfterItsValidityIsUntrusted() {
        untrusted(anchoredAt(PKI.root), NOW.plus(400, ChronoUnit.DAYS), LEAF, PKI.intermediate);
    }

    @Test
    void leafBeforeItsValidityIsUntrusted() {
        untrusted(anchoredAt(PKI.root), NOW.minus(2, ChronoUnit.DAYS), LEAF, PKI.intermediate);
    }

    @Test
    void certificateValidWithinTheSkewIsTrusted() {
        Issued soon = TestPki.custom(
                TestPki.sealSubject("VATES-Q0000000J"),
                TestPki.rsa(2048),
                PKI.intermediate,
                NOW.plusSeconds(30),
                NOW.plus(365, ChronoUnit.DAYS),
                "SHA256withRSA",
                keyUsage(KeyUsage.digitalSignature));
        trusted(anchoredAt(PKI.root), soon, PKI.intermediate);
    }

    @Test
    void certificateValidOnlyBeyondTheSkewIsUntrusted() {
        Issued later = TestPki.custom(
                TestPki.sealSubject("VATES-Q0000000J"),
                TestPki.rsa(2048),
                PKI.intermediate,
                NOW.plusSeconds(90),
                NOW.plus(365, ChronoUnit.DAYS),
                "SHA256withRSA",
                keyUsage(KeyUsage.digitalSignature));
        untrusted(later, PKI.intermediate);
    }

    @Test
    void expiredAnchorIsUntrustedOnTheFirstUseOfAChain() {
        KeyPair rootKeys = TestPki.rsa(2048);
        Issued expiredRoot = TestPki.custom(
                new X500Name("CN=Expired Root,O=LEAR Test,C=EU"),
                rootKeys,
                null,
                NOW.minus(3650, ChronoUnit.DAYS),
                NOW.minus(1, ChronoUnit.DAYS),
                "SHA256withRSA",
                TestPki::caExtensions);
        untrusted(anchoredAt(expiredRoot), NOW, sealFrom(expiredRoot));
    }

    @Test
    void caCertificateAsLeafIsUntrusted() {
        untrusted(
                seal(b -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    b.addExtension(
                            Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
                }),
                PKI.intermediate);
    }

    @Test
    void leafWithoutKeyUsageIsUntrusted() {
        untrusted(seal(b -> {}), PKI.intermediate);
    }

    @Test
    void leafWithKeyEnciphermentOnlyIsUntrusted() {
        untrusted(seal(keyUsage(KeyUsage.keyEncipherment)), PKI.intermediate);
    }

    @Test
    void leafWithKeyCertSignOnlyIsUntrusted() {
        untrusted(seal(keyUsage(KeyUsage.keyCertSign)), PKI.intermediate);
    }

    @Test
    void tlsServerCertificateIsUntrusted() {
        untrusted(seal(signingUsageWithEku(KeyPurposeId.id_kp_serverAuth)), PKI.intermediate);
    }

    @Test
    void tlsClientOnlyCertificateIsUntrusted() {
        untrusted(seal(signingUsageWithEku(KeyPurposeId.id_kp_clientAuth)), PKI.intermediate);
    }

    @Test
    void tlsServerAndClientCertificateIsUntrusted() {
        untrusted(
                seal(signingUsageWithEku(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth)),
                PKI.intermediate);
    }

    @Test
    void sha1SignedLeafIsUntrusted() {
        untrusted(seal(TestPki.rsa(2048), "SHA1withRSA", keyUsage(KeyUsage.digitalSignature)), PKI.intermediate);
    }

    @Test
    void sha1SignedIntermediateIsUntrusted() {
        Issued weakCa = ca("SHA-1 CA", TestPki.rsa(2048), PKI.root, "SHA1withRSA");
        untrusted(sealFrom(weakCa), weakCa);
    }

    @Test
    void sha1SelfSignatureOfTheAnchorIsNotRelied() {
        Issued oldRoot = ca("Old Root", TestPki.rsa(2048), null, "SHA1withRSA");
        trusted(anchoredAt(oldRoot), sealFrom(oldRoot));
    }

    @Test
    void rsa1024LeafIsUntrusted() {
        untrusted(seal(TestPki.rsa(1024), "SHA256withRSA", keyUsage(KeyUsage.digitalSignature)), PKI.intermediate);
    }

    @Test
    void rsa1024AnchorIsUntrusted() {
        Issued weakRoot = ca("Weak Root", TestPki.rsa(1024), null, "SHA256withRSA");
        untrusted(anchoredAt(weakRoot), NOW, sealFrom(weakRoot));
    }

    @Test
    void p256LeafIsTrusted() {
        trusted(
                anchoredAt(PKI.root),
                seal(TestPki.ec(), "SHA256withRSA", keyUsage(KeyUsage.digitalSignature)),
                PKI.intermediate);
    }

    @Test
    void aTrustedChainInTheCacheVouchesForNoOtherChain() {
        CertificateChainValidator v = anchoredAt(PKI.root);
        trusted(v, LEAF, PKI.intermediate);
        TestPki other = TestPki.create("Other");
        untrusted(v, NOW, other.rsaIssuer("VATES-Q0000000J"), other.intermediate);
        untrusted(v, NOW, other.rsaIssuer("VATES-Q0000000J"));
    }

    @Test
    void aFullCacheEvictsInsteadOfGrowing() {
        CertificateChainValidator v =
                new CertificateChainValidator(TrustAnchors.of(List.of(PKI.root.certificate())), SKEW, 2);
        granted(() -> trusted(v, LEAF, PKI.intermediate));
        granted(() -> trusted(v, PKI.ecIssuer("VATES-Q0000000J"), PKI.intermediate));
        assertEquals(2, v.cachedChains());
        granted(() -> trusted(v, PKI.ecIssuer("VATES-Q0000000J"), PKI.intermediate));
        assertEquals(2, v.cachedChains());
    }

    @Test
    void aChainIsKeptOnlyWhenItsRequestIsGranted() {
        CertificateChainValidator v = anchoredAt(PKI.root);
        trusted(v, LEAF, PKI.intermediate);
        assertEquals(0, v.cachedChains());
        granted(() -> trusted(v, LEAF, PKI.intermediate));
        assertEquals(1, v.cachedChains());
    }

    /** Runs {@code check} as a granted request does: what it staged is committed. */
    private static void granted(Runnable check) {
        io.lear.verifier.cache.Admission.decide(() -> {
            check.run();
            return null;
        });
    }

    @Test
    void aCachedPathStillHoldsItsLatestNotBefore() {
        CertificateChainValidator v = anchoredAt(PKI.root);
        Issued young = TestPki.custom(
                TestPki.sealSubject("VATES-Q0000000J"),
                TestPki.rsa(2048),
                PKI.intermediate,
                NOW.minus(1, ChronoUnit.HOURS),
                NOW.plus(30, ChronoUnit.DAYS),
                "SHA256withRSA",
                CertificateChainValidatorTest::domeSealExtensions);
        trusted(v, young, PKI.intermediate);
        // The intermediate is older; the path is valid only from the leaf's notBefore.
        untrusted(v, NOW.minus(2, ChronoUnit.HOURS), young, PKI.intermediate);
    }

    @Test
    void parsedCertificatesAreCachedWithinTheirBound() throws Exception {
        io.lear.verifier.testsupport.TestVerifier tv = io.lear.verifier.testsupport.TestVerifier.create();
        IssuerSignatures keys = new IssuerSignatures(
                new CertificateChainValidator(TrustAnchors.of(List.of(tv.pki.root.certificate())), SKEW),
                new io.lear.verifier.keys.DidKeyResolver(),
                1);
        io.lear.verifier.testsupport.Scenario s = tv.scenario();
        io.lear.verifier.jose.CompactJws vc =
                io.lear.verifier.jose.CompactJws.parse(s.credential(), Reason.VC_MALFORMED, "credential", 100_000);
        granted(() -> keys.verifySignature(
                io.lear.verifier.jose.JwsPolicy.CREDENTIAL,
                vc,
                io.lear.verifier.testsupport.Scenario.ISSUER_DID,
                tv.clock.instant()));
        assertEquals(1, keys.cachedCertificates());
    }

    @Test
    void certificatesOfAChainThatFailsAreNotCached() {
        io.lear.verifier.testsupport.TestVerifier tv = io.lear.verifier.testsupport.TestVerifier.create();
        IssuerSignatures keys = new IssuerSignatures(
                new CertificateChainValidator(TrustAnchors.of(List.of(tv.pki.root.certificate())), SKEW),
                new io.lear.verifier.keys.DidKeyResolver(),
                1000);
        io.lear.verifier.testsupport.Scenario s = tv.scenario();
        Issued forged = TestPki.selfSigned(io.lear.verifier.testsupport.Scenario.ORG);
        s.issuerCert = forged;
        s.x5c = List.of(forged.x5c());
        io.lear.verifier.jose.CompactJws vc =
                io.lear.verifier.jose.CompactJws.parse(s.credential(), Reason.VC_MALFORMED, "credential", 100_000);
        OAuthException e = assertThrows(
                OAuthException.class,
                () -> keys.verifySignature(
                        io.lear.verifier.jose.JwsPolicy.CREDENTIAL,
                        vc,
                        io.lear.verifier.testsupport.Scenario.ISSUER_DID,
                        tv.clock.instant()));
        assertEquals(Reason.VC_CERTIFICATE_UNTRUSTED, e.reason());
        assertEquals(0, keys.cachedCertificates());
    }
}
