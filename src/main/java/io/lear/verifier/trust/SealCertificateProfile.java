package io.lear.verifier.trust;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a certificate must be to sign credentials for a {@code did:elsi} issuer (profile §15.1),
 * beyond PKIX: the leaf is an end-entity signing certificate (an eIDAS seal), not a CA and not a
 * TLS-only certificate; every signature the path relies on uses SHA-256 or stronger; every key,
 * the anchor's included, is RSA ≥ 2048 bits, EC ≥ 256 bits or EdDSA.
 */
final class SealCertificateProfile {
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final Set<String> TLS_PURPOSES = Set.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    /** SHA-2 (256 and up) and SHA-3 signature names as the JDK spells them, e.g. SHA512withRSA. */
    private static final Pattern STRONG_HASH = Pattern.compile("SHA(256|384|512|3-256|3-384|3-512)WITH.*");

    private static final Set<String> STRONG_DIGESTS =
            Set.of("SHA-256", "SHA-384", "SHA-512", "SHA3-256", "SHA3-384", "SHA3-512");
    private static final int MIN_RSA_BITS = 2048;
    private static final int MIN_EC_BITS = 256;

    private SealCertificateProfile() {}

    /** The leaf ({@code x5c[0]}): an end-entity certificate for signatures. */
    static void checkLeaf(X509Certificate leaf) {
        if (leaf.getBasicConstraints() >= 0) {
            throw untrusted("credential certificate is a CA certificate, not a seal");
        }
        boolean[] usage = leaf.getKeyUsage();
        // Java pads the keyUsage bits to at least nine.
        if (usage == null || !(usage[DIGITAL_SIGNATURE] || usage[NON_REPUDIATION])) {
            throw untrusted("credential certificate keyUsage allows neither digitalSignature nor nonRepudiation");
        }
        List<String> eku;
        try {
            eku = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw untrusted("credential certificate extendedKeyUsage cannot be read");
        }
        if (eku != null && TLS_PURPOSES.containsAll(eku)) {
            throw untrusted("credential certificate is for TLS only (extendedKeyUsage)");
        }
    }

    /**
     * The validated path, leaf first and the anchor last: strong signatures on every certificate but
     * the anchor (whose own signature vouches for nothing), strong keys on all.
     */
    static void checkPath(List<X509Certificate> path) {
        for (int i = 0; i < path.size(); i++) {
            X509Certificate c = path.get(i);
            if (i < path.size() - 1 && !strongSignature(c)) {
                throw untrusted("credential certificate path uses a signature weaker than SHA-256");
            }
            if (!strongKey(c.getPublicKey())) {
                throw untrusted("credential certificate path holds a key below RSA 2048 / EC P-256");
            }
        }
    }

    static boolean strongSignature(X509Certificate c) {
        String name = c.getSigAlgName().toUpperCase(Locale.ROOT);
        if (name.equals("ED25519") || name.equals("ED448")) {
            return true;
        }
        if (name.equals("RSASSA-PSS")) {
            return pssDigest(c.getSigAlgParams());
        }
        return STRONG_HASH.matcher(name).matches();
    }

    private static boolean pssDigest(byte[] encodedParams) {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("RSASSA-PSS");
            params.init(encodedParams);
            String digest = params.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm();
            return STRONG_DIGESTS.contains(digest.toUpperCase(Locale.ROOT));
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    static boolean strongKey(PublicKey key) {
        if (key instanceof RSAKey rsa) {
            return rsa.getModulus().bitLength() >= MIN_RSA_BITS;
        }
        if (key instanceof ECKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize() >= MIN_EC_BITS;
        }
        return key instanceof EdECKey;
    }

    private static OAuthException untrusted(String description) {
        return OAuthException.of(Reason.VC_CERTIFICATE_UNTRUSTED, description);
    }
}
