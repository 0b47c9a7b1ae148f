package io.lear.verifier.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.TestPki;
import io.lear.verifier.testsupport.TestPki.Issued;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/** The single rules of the seal certificate profile (§15.1), on certificates generated for each case. */
class SealCertificateProfileTest {
    private static final Instant NOW = Instant.now();

    static {
        // RSASSA-PSS certificate signing is not in the JDK's providers under these names; last in line, BC fills in.
        java.security.Security.addProvider(new BouncyCastleProvider());
    }

    private static Issued selfSigned(KeyPair keys, String sigAlg, TestPki.Extensions extensions) {
        return TestPki.custom(
                new X500Name("CN=Profile Test,O=LEAR Test,C=EU"),
                keys,
                null,
                NOW.minus(1, ChronoUnit.DAYS),
                NOW.plus(30, ChronoUnit.DAYS),
                sigAlg,
                extensions);
    }

    private static X509Certificate rsaSigned(String sigAlg) {
        return selfSigned(TestPki.rsa(2048), sigAlg, TestPki::caExtensions).certificate();
    }

    private static KeyPair generate(String alg, Object spec) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(alg, new BouncyCastleProvider());
        if (spec instanceof Integer bits) {
            g.initialize(bits);
        } else if (spec != null) {
            g.initialize((ECGenParameterSpec) spec);
        }
        return g.generateKeyPair();
    }

    @Test
    void caCertificateWithPathLengthZeroIsNoSeal() {
        Issued ca = selfSigned(TestPki.rsa(2048), "SHA256withRSA", b -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
        });
        assertEquals(0, ca.certificate().getBasicConstraints());
        OAuthException e = assertThrows(OAuthException.class, () -> SealCertificateProfile.checkLeaf(ca.certificate()));
        assertEquals(Reason.VC_CERTIFICATE_UNTRUSTED, e.reason());
    }

    @Test
    void rsaPssWithSha256IsStrong() {
        assertTrue(SealCertificateProfile.strongSignature(rsaSigned("SHA256withRSAandMGF1")));
    }

    @Test
    void rsaPssWithSha1IsWeak() {
        assertFalse(SealCertificateProfile.strongSignature(rsaSigned("SHA1withRSAandMGF1")));
    }

    @Test
    void sha384WithRsaIsStrongAndSha1WithRsaIsWeak() {
        assertTrue(SealCertificateProfile.strongSignature(rsaSigned("SHA384withRSA")));
        assertFalse(SealCertificateProfile.strongSignature(rsaSigned("SHA1withRSA")));
    }

    @Test
    void ed25519SignatureIsStrong() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertTrue(SealCertificateProfile.strongSignature(
                selfSigned(ed, "Ed25519", TestPki::caExtensions).certificate()));
    }

    @Test
    void ecdsaWithSha1IsWeak() {
        assertFalse(SealCertificateProfile.strongSignature(
                selfSigned(TestPki.ec(), "SHA1withECDSA", TestPki::caExtensions).certificate()));
    }

    @Test
    void p256AndRsa2048KeysAreStrong() {
        assertTrue(SealCertificateProfile.strongKey(TestPki.ec().getPublic()));
        assertTrue(SealCertificateProfile.strongKey(TestPki.rsa(2048).getPublic()));
    }

    @Test
    void p224KeyIsWeak() throws Exception {
        assertFalse(SealCertificateProfile.strongKey(
                generate("EC", new ECGenParameterSpec("secp224r1")).getPublic()));
    }

    @Test
    void rsa2047KeyIsWeak() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2047);
        KeyPair k = g.generateKeyPair();
        assertEquals(
                2047,
                ((java.security.interfaces.RSAKey) k.getPublic()).getModulus().bitLength());
        assertFalse(SealCertificateProfile.strongKey(k.getPublic()));
    }

    @Test
    void ed25519KeyIsStrong() throws Exception {
        assertTrue(SealCertificateProfile.strongKey(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()));
    }

    @Test
    void dsaKeyIsNeither() throws Exception {
        assertFalse(SealCertificateProfile.strongKey(
                KeyPairGenerator.getInstance("DSA").generateKeyPair().getPublic()));
    }
}
