package io.lear.verifier.trust;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * The status array of an IETF Token Status List (draft-ietf-oauth-status-list §4): {@code lst} is base64url of the
 * ZLIB-compressed bytes (RFC 1950; GZIP is read too, as the EUDIStack issuer's documentation allows it), each status
 * {@code bits} wide, packed from the least significant bits of the first byte up.
 */
public final class TokenStatusList {
    /** The status of a referenced token that is neither revoked nor suspended. */
    public static final int VALID = 0;

    private static final Set<Integer> BITS = Set.of(1, 2, 4, 8);

    private final int bits;
    private final byte[] bytes;

    private TokenStatusList(int bits, byte[] bytes) {
        this.bits = bits;
        this.bytes = bytes;
    }

    /** Decodes {@code lst}; at most {@link Bitstring#MAX_BYTES} decompressed, against compression bombs. */
    public static TokenStatusList decode(long bits, String lst) throws IOException {
        if (!BITS.contains((int) bits) || bits != (int) bits) {
            throw new IOException("status_list.bits is not 1, 2, 4 or 8");
        }
        byte[] compressed;
        try {
            compressed = Base64.getUrlDecoder().decode(lst);
        } catch (IllegalArgumentException e) {
            throw new IOException("status_list.lst is not base64url");
        }
        byte[] out = isGzip(compressed) ? gunzip(compressed) : inflate(compressed);
        if (out.length == 0) {
            throw new IOException("status_list.lst holds no statuses");
        }
        return new TokenStatusList((int) bits, out);
    }

    private static boolean isGzip(byte[] b) {
        return b.length > 2 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B;
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return bounded(in.readNBytes(Bitstring.MAX_BYTES + 1));
        }
    }

    private static byte[] inflate(byte[] zlib) throws IOException {
        Inflater inflater = new Inflater(); // RFC 1950: header and Adler-32 checked
        try {
            inflater.setInput(zlib);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException("status_list.lst is a truncated ZLIB stream");
                }
                out.write(buffer, 0, n);
                if (out.size() > Bitstring.MAX_BYTES) {
                    throw new IOException("status_list.lst expands beyond " + Bitstring.MAX_BYTES + " bytes");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IOException("status_list.lst is not ZLIB");
        } finally {
            inflater.end();
        }
    }

    private static byte[] bounded(byte[] b) throws IOException {
        if (b.length > Bitstring.MAX_BYTES) {
            throw new IOException("status_list.lst expands beyond " + Bitstring.MAX_BYTES + " bytes");
        }
        return b;
    }

    /** How many statuses the list holds. */
    public long size() {
        return (long) bytes.length * 8 / bits;
    }

    /** The status at {@code idx}; throws when it is outside the list. */
    public int status(long idx) {
        if (idx < 0 || idx >= size()) {
            throw new IndexOutOfBoundsException("status index outside the list");
        }
        long bit = idx * bits;
        int b = bytes[(int) (bit / 8)] & 0xFF;
        return (b >>> (int) (bit % 8)) & ((1 << bits) - 1);
    }
}
