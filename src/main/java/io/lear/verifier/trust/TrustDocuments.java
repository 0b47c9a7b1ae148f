package io.lear.verifier.trust;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.CompactJws;
import io.lear.verifier.jose.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reading trust documents from a local file or an http(s) URL, and parsing them safely. */
public final class TrustDocuments {
    /** Seconds a client is told to wait after a trust outage. */
    public static final int RETRY_AFTER_SECONDS = 30;

    private TrustDocuments() {}

    public static boolean isUrl(String location) {
        return location.startsWith("https://") || location.startsWith("http://");
    }

    /** A loader of the raw document: the file is re-read, the URL re-fetched, on every refresh. */
    public static RefreshingSource.Loader<String> text(String location, Fetcher fetcher, String accept) {
        if (isUrl(location)) {
            return () -> new String(fetcher.get(location, accept), StandardCharsets.UTF_8);
        }
        Path file = Path.of(location);
        return () -> {
            if (Files.size(file) > Fetcher.MAX_BYTES) {
                throw new IOException("larger than " + Fetcher.MAX_BYTES + " bytes");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        };
    }

    /** A JSON object, with the same nesting bound as every JWT part (remote documents are untrusted input). */
    public static Map<String, Object> json(String text) {
        return JsonText.parseObject(text, CompactJws.MAX_JSON_DEPTH);
    }

    /** YAML with plain data types only: no tags, few aliases, bounded depth and size. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> yaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(32);
        options.setCodePointLimit(Fetcher.MAX_BYTES);
        Object doc = new Yaml(new SafeConstructor(options)).load(text);
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a YAML mapping");
        }
        return (Map<String, Object>) map;
    }

    static OAuthException trustUnavailable(String what) {
        return OAuthException.unavailable(
                Reason.TRUST_UNAVAILABLE, what + " is temporarily unavailable", RETRY_AFTER_SECONDS);
    }
}
