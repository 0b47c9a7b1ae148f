package io.lear.verifier.trust;

import java.util.List;
import java.util.Map;

/**
 * Trusted issuers from the profile §7.2 JSON document, in a local file or at a URL, reloaded every
 * {@code verifier.trust.refresh}; a failed reload keeps the last good copy until
 * {@code verifier.trust.max-staleness}, then lookups fail with {@code trust_unavailable}.
 */
public final class TrustedIssuersList implements TrustedIssuers {
    private final RefreshingSource<Map<String, List<TrustedIssuer>>> source;

    public TrustedIssuersList(RefreshingSource<Map<String, List<TrustedIssuer>>> source) {
        this.source = source;
    }

    /** A fixed list, for tests and embedding. */
    public static TrustedIssuersList fromJson(String json) {
        Map<String, List<TrustedIssuer>> parsed = TrustedIssuersDocument.parse(json);
        return new TrustedIssuersList(new RefreshingSource<>(
                "trusted issuers",
                () -> parsed,
                java.time.Clock.systemUTC(),
                java.time.Duration.ofDays(3650),
                java.time.Duration.ofDays(3650),
                Runnable::run));
    }

    @Override
    public List<TrustedIssuer> lookup(String issuerId) {
        try {
            return source.get().getOrDefault(issuerId, List.of());
        } catch (RefreshingSource.StaleException e) {
            throw TrustDocuments.trustUnavailable("the trusted issuers list");
        }
    }
}
