package io.lear.verifier.trust;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.List;

/**
 * Cheap before costly: the bounds a key from an {@code x5c} certificate must meet before any public-key operation
 * uses it (issue 20). The cost of an RSA verification grows with the modulus and with the public exponent, so a
 * stranger's certificate with a 3,070-bit exponent cost ten times a whole token. RSA: a 2048- to 8192-bit modulus
 * and the exponent 65537 (every CA and seal issues it); EC: P-256, P-384 or P-521 only (named-curve parameters,
 * compared in full, so no custom curve is ever computed with); EdDSA: fixed cost, accepted here (the seal profile
 * decides where it may sign). Anything else → {@code vc_certificate_untrusted}, the reason §15.1 gives weak keys.
 */
public final class PublicKeyLimits {
    static final int MIN_RSA_BITS = 2048;
    static final int MAX_RSA_BITS = 8192;
    static final BigInteger RSA_EXPONENT = BigInteger.valueOf(65537);
    private static final List<ECParameterSpec> CURVES =
            List.of(named("secp256r1"), named("secp384r1"), named("secp521r1"));

    private PublicKeyLimits() {}

    /** @throws OAuthException vc_certificate_untrusted when {@code key} is out of bounds */
    public static void require(PublicKey key) {
        if (!allowed(key)) {
            throw OAuthException.of(
                    Reason.VC_CERTIFICATE_UNTRUSTED,
                    "an x5c certificate's key is outside the limits (RSA 2048-8192 bits with exponent 65537,"
                            + " EC P-256/P-384/P-521, EdDSA)");
        }
    }

    static boolean allowed(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits >= MIN_RSA_BITS && bits <= MAX_RSA_BITS && RSA_EXPONENT.equals(rsa.getPublicExponent());
        }
        if (key instanceof ECPublicKey ec) {
            return CURVES.stream().anyMatch(c -> sameCurve(c, ec.getParams()));
        }
        return key instanceof EdECPublicKey;
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve())
                && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder())
                && a.getCofactor() == b.getCofactor();
    }

    private static ECParameterSpec named(String curve) {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec(curve));
            return p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
