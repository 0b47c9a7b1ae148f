package io.lear.verifier.jose;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.jws.JsonWebSignatureAlgorithm;
import org.jose4j.lang.JoseException;

/**
 * A compact JWS, parsed but not yet trusted: header and payload as JSON objects, read within the
 * profile's limits (§13: assertion 96 KiB, VP 64 KiB, VC 32 KiB, JSON nesting at most 32). Nothing here is believed until
 * {@link #verify} has succeeded with a key chosen by the caller.
 */
public final class CompactJws {
    public static final int MAX_ASSERTION_CHARS = 96 * 1024;
    public static final int MAX_VP_CHARS = 64 * 1024;
    public static final int MAX_VC_CHARS = 32 * 1024;
    public static final int MAX_JSON_DEPTH = 32;
    private static final ProviderContext PROVIDERS = new ProviderContext();
    private static final Base64.Encoder URL_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final String compact;
    private final Claims header;
    private final Claims payload;
    private final int signingInputEnd;
    private final byte[] signature;

    private CompactJws(String compact, Claims header, Claims payload, int signingInputEnd, byte[] signature) {
        this.compact = compact;
        this.header = header;
        this.payload = payload;
        this.signingInputEnd = signingInputEnd;
        this.signature = signature;
    }

    /**
     * Parses a compact JWS whose payload is a JSON object; any defect is reported as {@code malformed}
     * with {@code what} ("client assertion", "VP", …) in the description.
     */
    public static CompactJws parse(String compact, Reason malformed, String what, int maxChars) {
        if (compact == null || compact.isEmpty()) {
            throw OAuthException.of(malformed, what + " is empty");
        }
        if (compact.length() > maxChars) {
            throw OAuthException.of(malformed, what + " exceeds " + maxChars + " characters");
        }
        String[] parts = compact.split("\\.", -1);
        // An empty signature part (alg "none") parses; the algorithm allow-lists refuse it.
        if (parts.length != 3 || parts[0].isEmpty()) {
            throw OAuthException.of(malformed, what + " is not a compact JWS (three dot-separated parts)");
        }
        Map<String, Object> header = decodeJsonPart(parts[0], malformed, what + " header");
        Map<String, Object> payload = decodeJsonPart(parts[1], malformed, what + " payload");
        byte[] signature = decodeCanonical(parts[2], malformed, what + " signature");
        int signingInputEnd = parts[0].length() + 1 + parts[1].length();
        if (!(header.get("alg") instanceof String)) {
            throw OAuthException.of(malformed, what + " header has no 'alg'");
        }
        return new CompactJws(
                compact,
                new Claims(header, malformed, what + " header"),
                new Claims(payload, malformed, what),
                signingInputEnd,
                signature);
    }

    /**
     * Unpadded base64url in its one canonical spelling: a decoder that ignored stray trailing bits
     * would let the same signed bytes travel under several spellings.
     */
    private static byte[] decodeCanonical(String part, Reason malformed, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw OAuthException.of(malformed, what + " is not base64url");
        }
        if (!URL_ENCODER.encodeToString(bytes).equals(part)) {
            throw OAuthException.of(malformed, what + " is not canonical unpadded base64url");
        }
        return bytes;
    }

    private static Map<String, Object> decodeJsonPart(String part, Reason malformed, String what) {
        byte[] bytes = decodeCanonical(part, malformed, what);
        try {
            return JsonText.parseObject(new String(bytes, StandardCharsets.UTF_8), MAX_JSON_DEPTH);
        } catch (IllegalArgumentException e) {
            throw OAuthException.of(malformed, what + ": " + e.getMessage());
        }
    }

    public Claims header() {
        return header;
    }

    public Claims payload() {
        return payload;
    }

    public String alg() {
        return (String) header.raw().get("alg");
    }

    /** The {@code crit} header names, empty when absent; malformed when not an array of strings. */
    public List<String> critical() {
        return header.stringList("crit");
    }

    /**
     * Verifies the signature with {@code key} under {@code alg}, which the caller has already checked
     * against its allow-list (and the caller has already decided about {@code crit} headers). The
     * parts decoded by {@link #parse} are used as they are: nothing is parsed twice.
     *
     * @return whether the signature is valid; a key that cannot be used with {@code alg} is invalid
     */
    public boolean verify(Key key, String alg) {
        try {
            JsonWebSignatureAlgorithm algorithm = AlgorithmFactoryFactory.getInstance()
                    .getJwsAlgorithmFactory()
                    .getAlgorithm(alg);
            algorithm.validateVerificationKey(key);
            byte[] signingInput = compact.substring(0, signingInputEnd).getBytes(StandardCharsets.US_ASCII);
            return algorithm.verifySignature(signature, key, signingInput, PROVIDERS);
        } catch (JoseException | RuntimeException e) {
            return false;
        }
    }
}
