package io.lear.verifier.keys;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
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
    /** The longest supported multibase: 'z' and the 92 base58 characters of a P-256 uncompressed point. */
    static final int MAX_MULTIBASE = 93;
    /** Multicodec varints: p256-pub (0x1200) and ed25519-pub (0xed). */
    private static final int P256_CODEC = 0x8024;

    private static final int ED25519_CODEC = 0xED01;

    private static final ECParameterSpec P256 = p256();
    private static final BigInteger P =
            new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger B =
            new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);

    /** Key types and the JWS algorithm each is used with. */
    public enum KeyType {
        P256("ES256"),
        ED25519("EdDSA");

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
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a did:key");
        }
        String[] didAndFragment = value.split("#", 2);
        String did = didAndFragment[0];
        if (didAndFragment.length == 2 && !didAndFragment[1].equals(did.substring(PREFIX.length()))) {
            throw new IllegalArgumentException("did:key fragment does not name the key");
        }
        String multibase = did.substring(PREFIX.length());
        if (multibase.length() > MAX_MULTIBASE || !multibase.startsWith("z")) {
            throw new IllegalArgumentException("did:key is not multibase base58btc");
        }
        byte[] bytes = Base58.decode(multibase.substring(1));
        int codec = bytes.length < 2 ? -1 : (bytes[0] & 0xFF) << 8 | bytes[1] & 0xFF;
        return switch (codec) {
            case P256_CODEC -> new DidKey(did, KeyType.P256, p256Key(Arrays.copyOfRange(bytes, 2, bytes.length)));
            case ED25519_CODEC ->
                new DidKey(did, KeyType.ED25519, ed25519Key(Arrays.copyOfRange(bytes, 2, bytes.length)));
            default -> throw new IllegalArgumentException("unsupported did:key multicodec");
        };
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
            BigInteger y2 =
                    x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(B).mod(P);
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
        if (x.compareTo(P) >= 0
                || y.compareTo(P) >= 0
                || !y.pow(2)
                        .mod(P)
                        .equals(x.pow(3)
                                .subtract(x.multiply(BigInteger.valueOf(3)))
                                .add(B)
                                .mod(P))) {
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
            return KeyFactory.getInstance("EdDSA")
                    .generatePublic(new EdECPublicKeySpec(
                            NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, be))));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("did:key Ed25519 key rejected");
        }
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
