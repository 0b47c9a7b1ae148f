package io.lear.verifier.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/**
 * A status list's {@code encodedList} (W3C Bitstring Status List / StatusList2021): base64url of the
 * GZIP of the bitstring, optionally with the multibase {@code u} prefix; bit 0 is the most
 * significant bit of the first byte.
 */
public final class Bitstring {
    /** Bound on the decompressed list, against GZIP bombs (the spec's minimum is 16 KiB). */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    private final byte[] bits;

    private Bitstring(byte[] bits) {
        this.bits = bits;
    }

    public static Bitstring decode(String encodedList) throws IOException {
        String s = encodedList.trim();
        if (s.startsWith("u")) {
            s = s.substring(1);
        }
        byte[] gz;
        try {
            gz = Base64.getUrlDecoder().decode(s); // accepts padded and unpadded input
        } catch (IllegalArgumentException e) {
            throw new IOException("encodedList is not base64url");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            byte[] bits = in.readNBytes(MAX_BYTES + 1);
            if (bits.length > MAX_BYTES) {
                throw new IOException("encodedList expands beyond " + MAX_BYTES + " bytes");
            }
            return new Bitstring(bits);
        }
    }

    /** The bit at {@code index}; throws when the index is outside the list. */
    public boolean isSet(long index) {
        if (index < 0 || index >= (long) bits.length * 8) {
            throw new IndexOutOfBoundsException("status index outside the list");
        }
        int b = bits[(int) (index / 8)] & 0xFF;
        return ((b >> (7 - (int) (index % 8))) & 1) == 1;
    }

    public long size() {
        return (long) bits.length * 8;
    }
}
