package io.lear.verifier.trust;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
        while (s.endsWith("=")) {
            s = s.substring(0, s.length() - 1);
        }
        byte[] gz;
        try {
            gz = Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new IOException("encodedList is not base64url");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > MAX_BYTES) {
                    throw new IOException("encodedList expands beyond " + MAX_BYTES + " bytes");
                }
                out.write(buf, 0, n);
            }
            return new Bitstring(out.toByteArray());
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
