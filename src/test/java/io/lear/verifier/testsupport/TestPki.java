package io.lear.verifier.testsupport;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test eIDAS-like PKI built at test time: a root CA, an intermediate CA, and issuer leaves that
 * carry organizationIdentifier (2.5.4.97), RSA and EC, as DOME issuers' seals do.
 */
public final class TestPki {
    public static final ASN1ObjectIdentifier ORGANIZATION_IDENTIFIER = new ASN1ObjectIdentifier("2.5.4.97");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A certificate with its private key. */
    public record Issued(X509Certificate certificate, PrivateKey privateKey) {
        public String x5c() {
            try {
                return Base64.getEncoder().encodeToString(certificate.getEncoded());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public final Issued root;
    public final Issued intermediate;

    private TestPki(Issued root, Issued intermediate) {
        this.root = root;
        this.intermediate = intermediate;
    }

    public static TestPki create(String name) {
        Instant now = Instant.now();
        KeyPair rootKeys = rsa(2048);
        X500Name rootName = new X500Name("CN=" + name + " Root CA,O=LEAR Test,C=EU");
        Issued root = sign(
                rootName,
                rootKeys,
                rootName,
                rootKeys.getPrivate(),
                now.minus(1, ChronoUnit.DAYS),
                now.plus(3650, ChronoUnit.DAYS),
                true,
                "SHA256withRSA");
        KeyPair intKeys = rsa(2048);
        X500Name intName = new X500Name("CN=" + name + " Issuing CA,O=LEAR Test,C=EU");
        Issued intermediate = sign(
                intName,
                intKeys,
                rootName,
                rootKeys.getPrivate(),
                now.minus(1, ChronoUnit.DAYS),
                now.plus(1825, ChronoUnit.DAYS),
                true,
                "SHA256withRSA");
        return new TestPki(root, intermediate);
    }

    /** An RSA-2048 seal for the organisation, issued by the intermediate CA. */
    public Issued rsaIssuer(String organizationIdentifier) {
        return leaf(
                organizationIdentifier,
                rsa(2048),
                Instant.now().minus(1, ChronoUnit.DAYS),
                Instant.now().plus(365, ChronoUnit.DAYS));
    }

    /** A P-256 seal for the organisation, issued by the intermediate CA. */
    public Issued ecIssuer(String organizationIdentifier) {
        return leaf(
                organizationIdentifier,
                ec(),
                Instant.now().minus(1, ChronoUnit.DAYS),
                Instant.now().plus(365, ChronoUnit.DAYS));
    }

    public Issued leaf(String organizationIdentifier, KeyPair keys, Instant notBefore, Instant notAfter) {
        return leaf(intermediate, organizationIdentifier, keys, notBefore, notAfter);
    }

    /** A seal for the organisation issued by {@code ca}. */
    public static Issued leaf(
            Issued ca, String organizationIdentifier, KeyPair keys, Instant notBefore, Instant notAfter) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        b.addRDN(BCStyle.C, "ES");
        b.addRDN(BCStyle.O, "Test Issuer " + organizationIdentifier);
        b.addRDN(ORGANIZATION_IDENTIFIER, organizationIdentifier);
        b.addRDN(BCStyle.CN, "Seal " + organizationIdentifier);
        return sign(
                b.build(),
                keys,
                X500Name.getInstance(ca.certificate.getSubjectX500Principal().getEncoded()),
                ca.privateKey,
                notBefore,
                notAfter,
                false,
                "SHA256withRSA");
    }

    /** A self-signed certificate with the given organizationIdentifier: trusted by nobody. */
    public static Issued selfSigned(String organizationIdentifier) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        b.addRDN(ORGANIZATION_IDENTIFIER, organizationIdentifier);
        b.addRDN(BCStyle.CN, "Self-signed " + organizationIdentifier);
        X500Name name = b.build();
        KeyPair keys = rsa(2048);
        return sign(
                name,
                keys,
                name,
                keys.getPrivate(),
                Instant.now().minus(1, ChronoUnit.DAYS),
                Instant.now().plus(365, ChronoUnit.DAYS),
                false,
                "SHA256withRSA");
    }

    public String anchorsPem() {
        return pem(root.certificate);
    }

    public List<String> x5c(Issued leaf) {
        return List.of(leaf.x5c(), intermediate.x5c());
    }

    public static String pem(X509Certificate cert) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits, RANDOM);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds the extensions of a hand-made certificate. */
    @FunctionalInterface
    public interface Extensions {
        void add(X509v3CertificateBuilder b) throws Exception;
    }

    /** A subject like a DOME seal's, with one organizationIdentifier RDN per value given. */
    public static X500Name sealSubject(String... organizationIdentifiers) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        b.addRDN(BCStyle.C, "ES");
        b.addRDN(BCStyle.O, "Test Issuer");
        for (String id : organizationIdentifiers) {
            b.addRDN(ORGANIZATION_IDENTIFIER, id);
        }
        b.addRDN(BCStyle.CN, "Seal");
        return b.build();
    }

    /**
     * Any certificate: {@code ca} signs it (itself when null) with {@code sigAlg}, carrying exactly the
     * extensions {@code extensions} adds.
     */
    public static Issued custom(
            X500Name subject,
            KeyPair keys,
            Issued ca,
            Instant notBefore,
            Instant notAfter,
            String sigAlg,
            Extensions extensions) {
        try {
            X500Name issuer = ca == null
                    ? subject
                    : X500Name.getInstance(
                            ca.certificate.getSubjectX500Principal().getEncoded());
            PrivateKey signer = ca == null ? keys.getPrivate() : ca.privateKey;
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    issuer,
                    new BigInteger(64, RANDOM).abs(),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    subject,
                    keys.getPublic());
            extensions.add(b);
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder(sigAlg).build(signer)));
            return new Issued(cert, keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The extensions of a CA certificate (basicConstraints cA, keyCertSign and cRLSign). */
    public static void caExtensions(X509v3CertificateBuilder b) throws Exception {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }

    private static Issued sign(
            X500Name subject,
            KeyPair subjectKeys,
            X500Name issuer,
            PrivateKey issuerKey,
            Instant notBefore,
            Instant notAfter,
            boolean ca,
            String sigAlg) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    issuer,
                    new BigInteger(64, RANDOM).abs(),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    subject,
                    subjectKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(
                    Extension.keyUsage,
                    true,
                    ca
                            ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                            : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder(sigAlg).build(issuerKey)));
            return new Issued(cert, subjectKeys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
