package io.lear.verifier.dpop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code htu} comparison of RFC 9449 §4.3: the request's URI without query and fragment, after the syntax- and
 * scheme-based normalisation of RFC 3986 §6.2.2–6.2.3 (case of scheme and host, default port, empty path). The path
 * itself is compared as written: a proof for another path is another proof.
 */
public final class TargetUri {
    private TargetUri() {}

    /** The normal form of an absolute http(s) URI, or empty when {@code uri} is not one. */
    public static Optional<String> normalize(String uri) {
        if (uri == null || uri.length() > 2048) {
            return Optional.empty();
        }
        try {
            URI u = new URI(uri);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")
                    || u.getHost() == null
                    || u.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int port = u.getPort();
            boolean defaultPort =
                    port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            return Optional.of(
                    scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether a proof's {@code htu} names {@code expected} (both normalised; query and fragment ignored). */
    public static boolean matches(String htu, String expected) {
        Optional<String> got = normalize(htu);
        return got.isPresent() && got.equals(normalize(expected));
    }
}
