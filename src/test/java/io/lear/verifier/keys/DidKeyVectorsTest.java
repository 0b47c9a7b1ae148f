package io.lear.verifier.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known answers from the W3C CCG did-method-key test vectors (test-vectors/nist-curves.json and
 * ed25519-x25519.json). Derived encodings of the same keys (uncompressed, off-curve, x ≥ p) were computed with an
 * independent Python big-integer base58 encoder, not with {@link Base58}.
 */
class DidKeyVectorsTest {
    private static final String P256_DID = "did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv";
    private static final String P256_X = "igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns";
    private static final String P256_Y = "efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM";
    private static final String P256_D = "gPh-VvVS8MbvKQ9LSVVmfnxnKjHn4Tqj0bmbpehRlpc";
    /** Second vector: its y is odd, so the compressed prefix is 0x03. */
    private static final String P256_ODD_DID = "did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169";

    private static final String P256_ODD_X = "fyNYMN0976ci7xqiSdag3buk-ZCwgXU4kz9XNkBlNUI";
    private static final String P256_ODD_Y = "hW2ojTNfH7Jbi8--CJUo3OCbH3y5n91g-IMA9MLMbTU";
    /** The first vector's key as an uncompressed point (0x04 ‖ x ‖ y). */
    private static final String P256_UNCOMPRESSED =
            "did:key:z4oJ8cYF2JwS84CUKnKrnNW6hAhUzH3BNfybZEa87TkErqCeqTScZ4TFF565pwTYuoHbHbP6sR544QJf5tgQe13tFvfRt";
    /** The same with y + 1: not on the curve. */
    private static final String P256_UNCOMPRESSED_OFF_CURVE =
            "did:key:z4oJ8cYF2JwS84CUKnKrnNW6hAhUzH3BNfybZEa87TkErqCeqTScZ4TFF565pwTYuoHbHbP6sR544QJf5tgQe13tFvfRu";
    /** Compressed x = 1: x³ − 3x + b is not a square mod p, so no point has this x. */
    private static final String P256_COMPRESSED_OFF_CURVE = "did:key:zDnaeQRy3dcKsKa1zmKtVKsTy3m2HYoQnFnfKuxD6HfSTQgYg";
    /** x = 5 is on the curve; the same x written as 5 + p, compressed and uncompressed. */
    private static final String P256_X5 = "did:key:zDnaeQRy3dcKsKa1zmKtVKsTy3m2HYoQnFnfKuxD6HfSTQgYk";

    private static final String P256_COMPRESSED_X_ABOVE_P = "did:key:zDnaehfHR8MSkcVwNx8zPfR4zBUXJ1szs6BXzeQAqT7PRYTST";
    private static final String P256_UNCOMPRESSED_X_ABOVE_P =
            "did:key:z4oJ8eu2XzswWvPPL1wPMGWHA5HcJVtUKiaEfUHDXFpwNmzLKTdCMQHmkivnUUaZonMkT8QmzWUzJZ8PnkCsZEVSQejGf";

    private static final String ED25519_DID = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
    private static final String ED25519_SEED = "0000000000000000000000000000000000000000000000000000000000000000";
    private static final String ED25519_RAW = "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29";
    private static final String ED25519_DID_SEED_1 = "did:key:z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG";
    private static final String ED25519_SEED_1 = "0000000000000000000000000000000000000000000000000000000000000001";
    /** The first Ed25519 key behind multicodec 0xec (X25519), which is not a signing key. */
    private static final String X25519_CODEC = "did:key:z6LSfg76x3LLQjPg3AmMPWo7kdWPHeXbnDLDEbYPBESjbxWC";

    @Test
    void p256VectorDecodesToItsJwkCoordinates() {
        ECPublicKey key = (ECPublicKey) DidKey.parse(P256_DID).publicKey();
        assertEquals(DidKey.KeyType.P256, DidKey.parse(P256_DID).type());
        assertEquals(unsigned(P256_X), key.getW().getAffineX());
        assertEquals(unsigned(P256_Y), key.getW().getAffineY());
    }

    @Test
    void p256VectorWithOddYDecodesToItsJwkCoordinates() {
        ECPublicKey key = (ECPublicKey) DidKey.parse(P256_ODD_DID).publicKey();
        assertEquals(unsigned(P256_ODD_X), key.getW().getAffineX());
        assertEquals(unsigned(P256_ODD_Y), key.getW().getAffineY());
    }

    @Test
    void p256VectorVerifiesASignatureOfItsPrivateKey() throws Exception {
        ECPublicKey key = (ECPublicKey) DidKey.parse(P256_DID).publicKey();
        PrivateKey d =
                KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(unsigned(P256_D), key.getParams()));
        assertTrue(verifies("SHA256withECDSA", d, key));
    }

    @Test
    void uncompressedP256PointDecodesToTheSameKey() {
        assertEquals(
                DidKey.parse(P256_DID).publicKey(),
                DidKey.parse(P256_UNCOMPRESSED).publicKey());
    }

    @Test
    void uncompressedPointOffTheCurveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DidKey.parse(P256_UNCOMPRESSED_OFF_CURVE));
    }

    @Test
    void compressedXWithNoPointOnTheCurveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DidKey.parse(P256_COMPRESSED_OFF_CURVE));
    }

    @Test
    void coordinateAtOrAboveTheFieldPrimeIsRefused() {
        assertEquals(
                BigInteger.valueOf(5),
                ((ECPublicKey) DidKey.parse(P256_X5).publicKey()).getW().getAffineX());
        assertThrows(IllegalArgumentException.class, () -> DidKey.parse(P256_COMPRESSED_X_ABOVE_P));
        assertThrows(IllegalArgumentException.class, () -> DidKey.parse(P256_UNCOMPRESSED_X_ABOVE_P));
    }

    @Test
    void ed25519VectorDecodesToItsRawKey() {
        DidKey k = DidKey.parse(ED25519_DID);
        assertEquals(DidKey.KeyType.ED25519, k.type());
        byte[] spki = k.publicKey().getEncoded(); // X.509 SubjectPublicKeyInfo: the raw key is the last 32 bytes
        assertEquals(ED25519_RAW, HexFormat.of().formatHex(Arrays.copyOfRange(spki, spki.length - 32, spki.length)));
    }

    @Test
    void ed25519VectorsVerifySignaturesOfTheirSeeds() throws Exception {
        assertTrue(verifies(
                "Ed25519", ed25519(ED25519_SEED), DidKey.parse(ED25519_DID).publicKey()));
        assertTrue(verifies(
                "Ed25519",
                ed25519(ED25519_SEED_1),
                DidKey.parse(ED25519_DID_SEED_1).publicKey()));
    }

    @Test
    void x25519MulticodecIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DidKey.parse(X25519_CODEC));
    }

    @Test
    void fragmentMustRepeatTheKey() {
        String fragment = ED25519_DID.substring(DidKey.PREFIX.length());
        assertEquals(ED25519_DID, DidKey.parse(ED25519_DID + "#" + fragment).did());
        String other = ED25519_DID_SEED_1.substring(DidKey.PREFIX.length());
        assertThrows(IllegalArgumentException.class, () -> DidKey.parse(ED25519_DID + "#" + other));
    }

    private static PrivateKey ed25519(String seedHex) throws Exception {
        return KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(
                        NamedParameterSpec.ED25519, HexFormat.of().parseHex(seedHex)));
    }

    private static boolean verifies(String alg, PrivateKey priv, PublicKey pub) throws Exception {
        byte[] message = "did:key known answer".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(alg);
        signer.initSign(priv);
        signer.update(message);
        byte[] sig = signer.sign();
        Signature verifier = Signature.getInstance(alg);
        verifier.initVerify(pub);
        verifier.update(message);
        return verifier.verify(sig);
    }

    private static BigInteger unsigned(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }

    @Test
    void coordinateEqualToTheFieldPrimeIsRefused() {
        // x = 0 is on the curve; x = p names the same point and is not a canonical encoding.
        assertEquals(
                BigInteger.ZERO,
                ((ECPublicKey) DidKey.parse("did:key:zDnaeQRy3dcKsKa1zmKtVKsTy3m2HYoQnFnfKuxD6HfSTQgYf")
                                .publicKey())
                        .getW()
                        .getAffineX());
        assertThrows(
                IllegalArgumentException.class,
                () -> DidKey.parse("did:key:zDnaehfHR8MSkcVwNx8zPfR4zBUXJ1szs6BXzeQAqT7PRYTSN"));
        assertThrows(
                IllegalArgumentException.class,
                () -> DidKey.parse(
                        "did:key:z4oJ8eu2XzswWvPPL1wPMGWHA5HcJVtUKiaEfUHDXFpwNmzLJ1gJbLzUawTLSdjFb92r9eSaieHyr6LZ7zeep89eKHFSK"));
    }

    @Test
    void multibaseLongerThanAnUncompressedPointIsRefusedBeforeDecoding() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DidKey.parse(P256_UNCOMPRESSED + "1"));
        assertEquals("did:key is not multibase base58btc", e.getMessage());
    }

    @Test
    void multicodecWithoutKeyBytesIsABadPoint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DidKey.parse("did:key:zAkb"));
        assertEquals("did:key P-256 point has a bad length or form", e.getMessage());
    }

    @Test
    void singleByteIsNoMulticodec() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DidKey.parse("did:key:z3D"));
        assertEquals("unsupported did:key multicodec", e.getMessage());
    }

    @Test
    void didKeysAreEqualByTheirDid() {
        DidKey a = DidKey.parse(ED25519_DID);
        DidKey sameWithFragment = DidKey.parse(ED25519_DID + "#" + ED25519_DID.substring(DidKey.PREFIX.length()));
        assertEquals(a, sameWithFragment);
        assertEquals(a.hashCode(), sameWithFragment.hashCode());
        assertEquals(ED25519_DID, a.toString());
        assertFalse(a.equals(DidKey.parse(ED25519_DID_SEED_1)));
        assertFalse(a.equals(ED25519_DID));
    }
}
