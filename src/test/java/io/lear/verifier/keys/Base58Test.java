package io.lear.verifier.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Known answers from the multiformats/multibase test vectors (base58btc rows, without the 'z' prefix). */
class Base58Test {
    private static void decodes(String base58, String text) {
        assertArrayEquals(text.getBytes(StandardCharsets.ISO_8859_1), Base58.decode(base58));
    }

    @Test
    void basicVector() {
        decodes("7paNL19xttacUY", "yes mani !");
    }

    @Test
    void oneLeadingOneIsOneZeroByte() {
        decodes("17paNL19xttacUY", "\0yes mani !");
    }

    @Test
    void twoLeadingOnesAreTwoZeroBytes() {
        decodes("117paNL19xttacUY", "\0\0yes mani !");
    }

    @Test
    void longerVectorUsesTheWholeAlphabetOrder() {
        decodes("UXE7GvtEk8XTXs1GF8HSGbVA9FCX9SEBPe", "Decentralize everything!!");
    }

    @Test
    void onlyOnesAreOnlyZeroBytes() {
        decodes("111", "\0\0\0");
    }

    @Test
    void emptyInputIsNoBytes() {
        decodes("", "");
    }

    @Test
    void valueWithTheHighBitSetKeepsAllItsBytes() {
        // 255 is "5Q": a value whose top bit is set must not gain or lose a sign byte.
        assertArrayEquals(new byte[] {(byte) 0xFF}, Base58.decode("5Q"));
    }

    @Test
    void charactersOutsideTheAlphabetAreRefused() {
        for (String bad : new String[] {"0", "O", "I", "l", "+", "\u0080", "é"}) {
            assertThrows(IllegalArgumentException.class, () -> Base58.decode("7paNL" + bad), bad);
        }
    }
}
