package io.lear.verifier.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Known answers from the multiformats/multibase test vectors (base58btc rows, without the 'z' prefix). */
class Base58Test {
    private static void vector(String text, String base58) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(base58, Base58.encode(bytes));
        assertArrayEquals(bytes, Base58.decode(base58));
    }

    @Test
    void basicVector() {
        vector("yes mani !", "7paNL19xttacUY");
    }

    @Test
    void oneLeadingZeroByteIsOneLeadingOne() {
        vector("\0yes mani !", "17paNL19xttacUY");
    }

    @Test
    void twoLeadingZeroBytesAreTwoLeadingOnes() {
        vector("\0\0yes mani !", "117paNL19xttacUY");
    }

    @Test
    void longerVectorUsesTheWholeAlphabetOrder() {
        vector("Decentralize everything!!", "UXE7GvtEk8XTXs1GF8HSGbVA9FCX9SEBPe");
    }

    @Test
    void emptyInput() {
        vector("", "");
    }

    @Test
    void charactersOutsideTheAlphabetAreRefused() {
        for (String bad : new String[] {"0", "O", "I", "l", "+", "é"}) {
            assertThrows(IllegalArgumentException.class, () -> Base58.decode("7paNL" + bad), bad);
        }
    }
}
