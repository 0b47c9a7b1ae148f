package io.lear.verifier.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Known answers of draft-ietf-oauth-status-list (§4.1 and §4.2 examples, unchanged since draft-02): the 1-bit list
 * {@code eNrbuRgAAhcBXQ} (bytes 0xB9 0xA3) and the 2-bit list {@code eNo76fITAAPfAgc} (bytes 0xC9 0x44 0xF9), with the
 * statuses the draft lists for them — not values computed by the code under test.
 */
class TokenStatusListTest {
    /** Draft §4.1: status[0..15] of the 1-bit example. */
    private static final int[] ONE_BIT = {1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1};
    /** Draft §4.1: status[0..11] of the 2-bit example. */
    private static final int[] TWO_BITS = {1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3};

    @Test
    void oneBitExampleOfTheDraft() throws IOException {
        TokenStatusList list = TokenStatusList.decode(1, "eNrbuRgAAhcBXQ");
        assertEquals(16, list.size());
        for (int i = 0; i < ONE_BIT.length; i++) {
            assertEquals(ONE_BIT[i], list.status(i), "status[" + i + "]");
        }
    }

    @Test
    void twoBitExampleOfTheDraft() throws IOException {
        TokenStatusList list = TokenStatusList.decode(2, "eNo76fITAAPfAgc");
        assertEquals(12, list.size());
        for (int i = 0; i < TWO_BITS.length; i++) {
            assertEquals(TWO_BITS[i], list.status(i), "status[" + i + "]");
        }
    }

    @Test
    void fourAndEightBitsReadWholeNibblesAndBytes() throws IOException {
        // 0xA5: low nibble 5 first, then high nibble 10; as 8 bits, 0xA5 itself.
        String lst = zlib(new byte[] {(byte) 0xA5, 0x01});
        TokenStatusList four = TokenStatusList.decode(4, lst);
        assertEquals(4, four.size());
        assertEquals(5, four.status(0));
        assertEquals(10, four.status(1));
        assertEquals(1, four.status(2));
        TokenStatusList eight = TokenStatusList.decode(8, lst);
        assertEquals(0xA5, eight.status(0));
        assertEquals(1, eight.status(1));
    }

    @Test
    void indexOutsideTheListIsRefused() throws IOException {
        TokenStatusList list = TokenStatusList.decode(2, "eNo76fITAAPfAgc");
        assertThrows(IndexOutOfBoundsException.class, () -> list.status(12));
        assertThrows(IndexOutOfBoundsException.class, () -> list.status(-1));
    }

    @Test
    void otherBitWidthsAreRefused() {
        for (long bits : new long[] {0, 3, 5, 16, 4294967297L}) {
            assertThrows(IOException.class, () -> TokenStatusList.decode(bits, "eNrbuRgAAhcBXQ"), "bits " + bits);
        }
    }

    @Test
    void gzipIsReadToo() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(new byte[] {(byte) 0xB9, (byte) 0xA3});
        }
        TokenStatusList list = TokenStatusList.decode(
                1, Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray()));
        assertEquals(1, list.status(0));
        assertEquals(0, list.status(1));
    }

    @Test
    void notZlibTruncatedOrNotBase64urlIsRefused() {
        assertThrows(IOException.class, () -> TokenStatusList.decode(1, "bm90IHpsaWI"));
        assertThrows(IOException.class, () -> TokenStatusList.decode(1, "eNrbuRgA"));
        assertThrows(IOException.class, () -> TokenStatusList.decode(1, "eNrb*RgAAhcBXQ"));
        assertThrows(IOException.class, () -> TokenStatusList.decode(1, zlib(new byte[0])));
    }

    @Test
    void aBombBeyondSixteenMebibytesIsRefused() throws IOException {
        String exact = zlib(new byte[Bitstring.MAX_BYTES]);
        assertEquals(
                (long) Bitstring.MAX_BYTES * 8, TokenStatusList.decode(1, exact).size());
        String over = zlib(new byte[Bitstring.MAX_BYTES + 1]);
        assertThrows(IOException.class, () -> TokenStatusList.decode(1, over));
    }

    @Test
    void theIndexJustPastTheEndIsRefusedAsOutsideTheList() throws IOException {
        // Exactly IndexOutOfBoundsException: the bound check, not an array access past the end.
        TokenStatusList list = TokenStatusList.decode(2, "eNo76fITAAPfAgc");
        assertEquals(
                "status index outside the list",
                assertThrowsExactly(IndexOutOfBoundsException.class, () -> list.status(12))
                        .getMessage());
        assertEquals(3, list.status(11));
    }

    @Test
    void gzipOfExactlySixteenMebibytesIsAccepted() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(new byte[Bitstring.MAX_BYTES]);
        }
        TokenStatusList list = TokenStatusList.decode(
                1, Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray()));
        assertEquals((long) Bitstring.MAX_BYTES * 8, list.size());
    }

    static String zlib(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(9))) {
            z.write(bytes);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }
}
