package io.lear.verifier.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Hand-computed vectors: bit i is bit (7 - i % 8) of byte i / 8. */
class BitstringTest {
    private static String gzipB64(byte[] bytes, boolean multibase, boolean padded) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        Base64.Encoder enc =
                padded ? Base64.getUrlEncoder() : Base64.getUrlEncoder().withoutPadding();
        return (multibase ? "u" : "") + enc.encodeToString(out.toByteArray());
    }

    @Test
    void firstMiddleAndLastIndexInBothEncodings() throws Exception {
        byte[] bytes = new byte[16384]; // 131072 bits, the spec's minimum
        bytes[0] = (byte) 0x80; // index 0
        bytes[1] = (byte) 0x08; // index 12: byte 1, fourth bit from the left
        bytes[16383] = (byte) 0x01; // index 131071
        for (boolean multibase : new boolean[] {true, false}) {
            for (boolean padded : new boolean[] {true, false}) {
                Bitstring b = Bitstring.decode(gzipB64(bytes, multibase, padded));
                assertEquals(131072, b.size());
                assertTrue(b.isSet(0));
                assertFalse(b.isSet(1));
                assertFalse(b.isSet(7));
                assertFalse(b.isSet(11));
                assertTrue(b.isSet(12));
                assertFalse(b.isSet(13));
                assertTrue(b.isSet(131071));
                assertFalse(b.isSet(131070));
            }
        }
    }

    @Test
    void refusesOutsideIndexesAndGarbage() throws Exception {
        Bitstring b = Bitstring.decode(gzipB64(new byte[2], true, false));
        // Refused by the check, not by the array's own bound (whose message would differ).
        assertEquals(
                "status index outside the list",
                assertThrows(IndexOutOfBoundsException.class, () -> b.isSet(16)).getMessage());
        assertEquals(
                "status index outside the list",
                assertThrows(IndexOutOfBoundsException.class, () -> b.isSet(-1)).getMessage());
        assertEquals(
                "status index outside the list",
                assertThrows(IndexOutOfBoundsException.class, () -> b.isSet(1L << 35))
                        .getMessage()); // wraps as an int
        assertThrows(IOException.class, () -> Bitstring.decode("u!!!"));
        assertThrows(IOException.class, () -> Bitstring.decode("uAAAA"));
    }

    /** The encodedList of the W3C Status List 2021 / Bitstring Status List examples: 16 KiB of zeros. */
    private static final String SPEC_EXAMPLE = "H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA";

    @Test
    void specExampleIsAnAllClearListOf131072Bits() throws Exception {
        for (String encoded : new String[] {SPEC_EXAMPLE, "u" + SPEC_EXAMPLE}) {
            Bitstring b = Bitstring.decode(encoded);
            assertEquals(131072, b.size());
            assertFalse(b.isSet(0));
            assertFalse(b.isSet(94567));
            assertFalse(b.isSet(131071));
            assertThrows(IndexOutOfBoundsException.class, () -> b.isSet(131072));
        }
    }

    @Test
    void listOfExactlyTheCapIsDecoded() throws Exception {
        byte[] bytes = new byte[16 * 1024 * 1024];
        bytes[bytes.length - 1] = 1;
        Bitstring b = Bitstring.decode(gzipB64(bytes, false, false));
        assertTrue(b.isSet(16L * 1024 * 1024 * 8 - 1));
    }

    @Test
    void listExpandingOneByteBeyondTheCapIsRefused() throws Exception {
        String bomb = gzipB64(new byte[16 * 1024 * 1024 + 1], false, false);
        assertTrue(bomb.length() < 64 * 1024, "a small document that expands to 16 MiB + 1");
        assertThrows(IOException.class, () -> Bitstring.decode(bomb));
    }
}
