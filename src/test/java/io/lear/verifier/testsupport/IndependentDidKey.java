package io.lear.verifier.testsupport;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

/**
 * The did:key of a test key, written independently of the production {@code DidKey}/{@code Base58} (big-integer
 * base58, Ed25519 bytes straight from the X.509 encoding), so that tests never take their identities from the code
 * under test. Checked against the W3C CCG vectors in {@code IndependentDidKeyTest}.
 */
public final class IndependentDidKey {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private IndependentDidKey() {}

    public static String of(PublicKey key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (key instanceof ECPublicKey ec) {
            out.write(0x80);
            out.write(0x24);
            out.write(ec.getW().getAffineY().testBit(0) ? 0x03 : 0x02);
            out.writeBytes(fixed(ec.getW().getAffineX(), 32));
        } else if (key.getAlgorithm().equals("EdDSA") || key.getAlgorithm().equals("Ed25519")) {
            byte[] spki = key.getEncoded(); // SubjectPublicKeyInfo ends with the 32-byte RFC 8032 public key
            out.write(0xED);
            out.write(0x01);
            out.writeBytes(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        } else {
            throw new IllegalArgumentException(key.getAlgorithm());
        }
        return "did:key:z" + base58(out.toByteArray());
    }

    public static String base58(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        BigInteger n = new BigInteger(1, bytes);
        BigInteger radix = BigInteger.valueOf(58);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(radix);
            sb.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            sb.append('1');
        }
        return sb.reverse().toString();
    }

    private static byte[] fixed(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[len];
        int copy = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
        return out;
    }
}
