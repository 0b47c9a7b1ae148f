package io.lear.verifier.trust;

import io.lear.verifier.config.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Trusted issuers from a local JSON file, read once at start-up. */
public final class TrustedIssuersFile implements TrustedIssuers {
    private final Map<String, List<TrustedIssuer>> byId;

    private TrustedIssuersFile(Map<String, List<TrustedIssuer>> byId) {
        this.byId = Map.copyOf(byId);
    }

    public static TrustedIssuersFile load(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("verifier.trust.issuers", "cannot read " + file);
        }
        try {
            return new TrustedIssuersFile(TrustedIssuersDocument.parse(json));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("verifier.trust.issuers", e.getMessage());
        }
    }

    /** The same from a JSON document in memory. */
    public static TrustedIssuersFile fromJson(String json) {
        return new TrustedIssuersFile(TrustedIssuersDocument.parse(json));
    }

    public static TrustedIssuersFile empty() {
        return new TrustedIssuersFile(Map.of());
    }

    @Override
    public List<TrustedIssuer> lookup(String issuerId) {
        return byId.getOrDefault(issuerId, List.of());
    }

    @Override
    public boolean isReady() {
        return true;
    }
}
