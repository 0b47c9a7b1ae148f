package io.lear.verifier.trust;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.TestPki;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.RSAPublicKeySpec;
import org.junit.jupiter.api.Test;

/** Issue 20, cheap before costly: the bounds of a key from an x5c certificate, checked before it is used. */
class PublicKeyLimitsTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An RSA public key with a modulus of exactly {@code bits} bits and the exponent given (no key generation). */
    static PublicKey rsa(int bits, BigInteger exponent) {
        try {
            BigInteger n = new BigInteger(bits, RANDOM).setBit(bits - 1).setBit(0);
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, exponent));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PublicKey ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair().getPublic();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final BigInteger F4 = BigInteger.valueOf(65537);

    @Test
    void rsaFrom2048To8192BitsWithExponent65537IsAllowed() {
        assertTrue(PublicKeyLimits.allowed(rsa(2048, F4)));
        assertTrue(PublicKeyLimits.allowed(rsa(3072, F4)));
        assertTrue(PublicKeyLimits.allowed(rsa(8192, F4)));
        assertTrue(PublicKeyLimits.allowed(TestPki.rsa(2048).getPublic()));
    }

    @Test
    void rsaOutsideTheModulusBoundsIsRefused() {
        assertFalse(PublicKeyLimits.allowed(rsa(2047, F4)));
        assertFalse(PublicKeyLimits.allowed(rsa(1024, F4)));
        assertFalse(PublicKeyLimits.allowed(rsa(8193, F4)));
    }

    @Test
    void rsaWithAnyOtherExponentIsRefused() {
        assertFalse(PublicKeyLimits.allowed(rsa(2048, BigInteger.valueOf(3))));
        assertFalse(PublicKeyLimits.allowed(rsa(2048, BigInteger.valueOf(65539))));
        // The reviewer's key: RSA-3072 with a 3,070-bit exponent.
        assertFalse(PublicKeyLimits.allowed(
                rsa(3072, new BigInteger(3070, RANDOM).setBit(3069).setBit(0))));
    }

    @Test
    void ecOnTheThreeNistCurvesIsAllowed() {
        assertTrue(PublicKeyLimits.allowed(ec("secp256r1")));
        assertTrue(PublicKeyLimits.allowed(ec("secp384r1")));
        assertTrue(PublicKeyLimits.allowed(ec("secp521r1")));
    }

    @Test
    void ecOnAnyOtherCurveIsRefused() {
        ECPublicKey p256 = (ECPublicKey) ec("secp256r1");
        ECParameterSpec p = p256.getParams();
        // P-256's curve and generator with another order and cofactor: explicit, made-up parameters.
        ECPublicKey custom = fake(
                new ECParameterSpec(p.getCurve(), p.getGenerator(), p.getOrder().add(BigInteger.TWO), 1), p256.getW());
        assertFalse(PublicKeyLimits.allowed(custom));
        ECPublicKey otherCofactor =
                fake(new ECParameterSpec(p.getCurve(), p.getGenerator(), p.getOrder(), 2), p256.getW());
        assertFalse(PublicKeyLimits.allowed(otherCofactor));
        ECParameterSpec p384 = ((ECPublicKey) ec("secp384r1")).getParams();
        ECPublicKey otherGenerator = fake(new ECParameterSpec(p.getCurve(), p256.getW(), p.getOrder(), 1), p256.getW());
        assertFalse(PublicKeyLimits.allowed(otherGenerator));
        assertFalse(PublicKeyLimits.allowed(
                fake(new ECParameterSpec(p384.getCurve(), p.getGenerator(), p.getOrder(), 1), p256.getW())));
    }

    @Test
    void eddsaIsAllowedAndOtherKeyTypesAreNot() throws Exception {
        assertTrue(PublicKeyLimits.allowed(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()));
        KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
        dsa.initialize(2048);
        assertFalse(PublicKeyLimits.allowed(dsa.generateKeyPair().getPublic()));
    }

    @Test
    void refusalIsVcCertificateUntrusted() {
        OAuthException e =
                assertThrows(OAuthException.class, () -> PublicKeyLimits.require(rsa(2048, BigInteger.valueOf(3))));
        assertEquals(Reason.VC_CERTIFICATE_UNTRUSTED, e.reason());
        assertEquals("invalid_client", e.error().code());
        assertEquals(401, e.status());
        assertDoesNotThrow(() -> PublicKeyLimits.require(rsa(2048, F4)));
    }

    private static ECPublicKey fake(ECParameterSpec params, ECPoint w) {
        return new ECPublicKey() {
            @Override
            public ECPoint getW() {
                return w;
            }

            @Override
            public ECParameterSpec getParams() {
                return params;
            }

            @Override
            public String getAlgorithm() {
                return "EC";
            }

            @Override
            public String getFormat() {
                return "X.509";
            }

            @Override
            public byte[] getEncoded() {
                return new byte[0];
            }
        };
    }
}
