package io.lear.verifier.keys;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@code did:key} and the public key it encodes: multibase base58btc ({@code z}) of a multicodec
 * varint and the key bytes. P-256 ({@code 0x1200}, compressed or uncompressed point) and Ed25519
 * ({@code 0xed}) are supported; the prefix is always checked, never skipped.
 *
 * @see <a href="https://w3c-ccg.github.io/did-method-key/">did:key method</a>
 */
public final class DidKey {
    public static final String PREFIX = "did:key:";
    /** Longest DID accepted: a P-256 uncompressed key is 67 bytes, about 92 base58 characters. */
    private static final int MAX_LENGTH = 128;

    private static final ECParameterSpec P256 = p256();
    private static final BigInteger P = new BigInteger(
            "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger B = new BigInteger(
            "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);

    /** Key types and the JWS algorithm each is used with. */
    public enum KeyType {
        P256("ES256"), ED25519("EdDSA");

        private final String jwsAlgorithm;

        KeyType(String jwsAlgorithm) {
            this.jwsAlgorithm = jwsAlgorithm;
        }

        public String jwsAlgorithm() {
            return jwsAlgorithm;
        }
    }

    private final String did;
    private final KeyType type;
    private final PublicKey publicKey;

    private DidKey(String did, KeyType type, PublicKey publicKey) {
        this.did = did;
        this.type = type;
        this.publicKey = publicKey;
    }

    /**
     * Parses {@code did:key:z…} or {@code did:key:z…#z…} (the fragment, when present, must repeat the
     * key). Throws {@link IllegalArgumentException} with a short, non-echoing message otherwise.
     */
    public static DidKey parse(String value) {
        if (value == null || value.length() > MAX_LENGTH * 2 + 1 || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a did:key");
        }
        String did = value;
        int hash = value.indexOf('#');
        if (hash >= 0) {
            did = value.substring(0, hash);
            String fragment = value.substring(hash + 1);
            if (!fragment.equals(did.substring(PREFIX.length()))) {
                throw new IllegalArgumentException("did:key fragment does not name the key");
            }
        }
        String multibase = did.substring(PREFIX.length());
        if (multibase.length() > MAX_LENGTH || multibase.length() < 2 || multibase.charAt(0) != 'z') {
            throw new IllegalArgumentException("did:key is not multibase base58btc");
        }
        byte[] bytes = Base58.decode(multibase.substring(1));
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0x80 && (bytes[1] & 0xFF) == 0x24) {
            return new DidKey(did, KeyType.P256, p256Key(Arrays.copyOfRange(bytes, 2, bytes.length)));
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xED && (bytes[1] & 0xFF) == 0x01) {
            return new DidKey(did, KeyType.ED25519, ed25519Key(Arrays.copyOfRange(bytes, 2, bytes.length)));
        }
        throw new IllegalArgumentException("unsupported did:key multicodec");
    }

    /** The did:key of a P-256 public key, in compressed form (as DOME issuers produce it). */
    public static String of(ECPublicKey key) {
        byte[] x = unsigned(key.getW().getAffineX(), 32);
        byte[] out = new byte[2 + 33];
        out[0] = (byte) 0x80;
        out[1] = 0x24;
        out[2] = (byte) (key.getW().getAffineY().testBit(0) ? 0x03 : 0x02);
        System.arraycopy(x, 0, out, 3, 32);
        return PREFIX + "z" + Base58.encode(out);
    }

    /** The did:key of an Ed25519 public key. */
    public static String of(EdECPublicKey key) {
        byte[] y = unsigned(key.getPoint().getY(), 32);
        byte[] le = new byte[32];
        for (int i = 0; i < 32; i++) {
            le[i] = y[31 - i];
        }
        if (key.getPoint().isXOdd()) {
            le[31] |= (byte) 0x80;
        }
        byte[] out = new byte[2 + 32];
        out[0] = (byte) 0xED;
        out[1] = 0x01;
        System.arraycopy(le, 0, out, 2, 32);
        return PREFIX + "z" + Base58.encode(out);
    }

    public String did() {
        return did;
    }

    public KeyType type() {
        return type;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    private static PublicKey p256Key(byte[] point) {
        BigInteger x;
        BigInteger y;
        if (point.length == 33 && (point[0] == 0x02 || point[0] == 0x03)) {
            x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
            // y² = x³ − 3x + b (mod p); p ≡ 3 (mod 4), so a root is (y²)^((p+1)/4).
            BigInteger y2 = x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(B).mod(P);
            y = y2.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
            if (!y.modPow(BigInteger.TWO, P).equals(y2)) {
                throw new IllegalArgumentException("did:key point is not on P-256");
            }
            if (y.testBit(0) != (point[0] == 0x03)) {
                y = P.subtract(y);
            }
        } else if (point.length == 65 && point[0] == 0x04) {
            x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
            y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
        } else {
            throw new IllegalArgumentException("did:key P-256 point has a bad length or form");
        }
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0
                || !y.pow(2).mod(P).equals(x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(B).mod(P))) {
            throw new IllegalArgumentException("did:key point is not on P-256");
        }
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("did:key P-256 key rejected");
        }
    }

    private static PublicKey ed25519Key(byte[] encoded) {
        if (encoded.length != 32) {
            throw new IllegalArgumentException("did:key Ed25519 key has a bad length");
        }
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = encoded[31 - i];
        }
        boolean xOdd = (be[0] & 0x80) != 0;
        be[0] &= 0x7F;
        try {
            return KeyFactory.getInstance("EdDSA").generatePublic(new EdECPublicKeySpec(
                    NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, be))));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("did:key Ed25519 key rejected");
        }
    }

    private static byte[] unsigned(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[len];
        int copy = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
        return out;
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            return params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 unavailable", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DidKey other && other.did.equals(did);
    }

    @Override
    public int hashCode() {
        return Objects.hash(did);
    }

    @Override
    public String toString() {
        return did;
    }
}
