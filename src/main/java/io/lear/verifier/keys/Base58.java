package io.lear.verifier.keys;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Bitcoin-alphabet base58 decoding (the multibase {@code z} encoding of did:key). Inputs are a did:key's
 * multibase, at most a hundred characters, so big-integer arithmetic is clear and fast enough.
 */
public final class Base58 {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger RADIX = BigInteger.valueOf(58);

    private Base58() {}

    /** Each leading '1' is a zero byte; the rest is a big-endian base-58 number. */
    public static byte[] decode(String input) {
        BigInteger n = BigInteger.ZERO;
        int zeros = 0;
        boolean leading = true;
        for (int i = 0; i < input.length(); i++) {
            int digit = ALPHABET.indexOf(input.charAt(i));
            if (digit < 0) {
                throw new IllegalArgumentException("invalid base58 character");
            }
            if (leading && digit == 0) {
                zeros++;
            } else {
                leading = false;
            }
            n = n.multiply(RADIX).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = n.signum() == 0 ? new byte[0] : n.toByteArray();
        if (magnitude.length > 0 && magnitude[0] == 0) {
            magnitude = Arrays.copyOfRange(magnitude, 1, magnitude.length); // the sign byte
        }
        byte[] out = new byte[zeros + magnitude.length];
        System.arraycopy(magnitude, 0, out, zeros, magnitude.length);
        return out;
    }
}
