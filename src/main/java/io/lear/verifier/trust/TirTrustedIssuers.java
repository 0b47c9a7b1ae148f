package io.lear.verifier.trust;

import io.lear.verifier.cache.BoundedCache;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Trusted issuers from an EBSI Trusted Issuers Registry v4 style API, as DOME runs it:
 * {@code GET <base><issuer-did>} answers {@code {"did":…,"attributes":[{"body":"<Base64 JSON>"}]}}
 * whose bodies carry {@code credentialsType} and {@code validFor}. A 404 means "not listed". A listed
 * issuer's answer is cached like any other trust document; "not listed" answers are cached apart for
 * one refresh period; both caches are bounded.
 */
public final class TirTrustedIssuers implements TrustedIssuers {
    static final int MAX_LISTED = 10_000;
    static final int MAX_NOT_LISTED = 10_000;
    /**
     * Only did:elsi issuers are looked up (profile §15.2), and only with these characters: the DID
     * goes into a URL path, so no '/', '%', '.', '?' or '#'. did:key issuers come from the trusted
     * issuers document alone, so a stranger's self-issued credential never causes a request.
     */
    private static final Pattern ELSI_DID = Pattern.compile("did:elsi:[A-Za-z0-9-]{1,100}");

    private final String base;
    private final Fetcher fetcher;
    private final Clock clock;
    private final Duration refresh;
    private final Duration maxStaleness;
    private final Executor background;
    /**
     * Issuers the registry listed: refreshed in the background, kept up to max staleness. Asked only about an issuer
     * whose path and organizationIdentifier are verified (§15.2), so these are answers about trusted seals.
     */
    private final BoundedCache<String, RefreshingSource<List<TrustedIssuer>>> listed;
    /** Issuers the registry does not list, until when; apart, so they never evict a listed issuer. */
    private final BoundedCache<String, Instant> notListed;

    public TirTrustedIssuers(
            String base, Fetcher fetcher, Clock clock, Duration refresh, Duration maxStaleness, Executor background) {
        this(base, fetcher, clock, refresh, maxStaleness, background, MAX_LISTED, MAX_NOT_LISTED);
    }

    TirTrustedIssuers(
            String base,
            Fetcher fetcher,
            Clock clock,
            Duration refresh,
            Duration maxStaleness,
            Executor background,
            int maxListed,
            int maxNotListed) {
        this.listed = new BoundedCache<>(maxListed);
        this.notListed = new BoundedCache<>(maxNotListed);
        this.base = base;
        this.fetcher = fetcher;
        this.clock = clock;
        this.refresh = refresh;
        this.maxStaleness = maxStaleness;
        this.background = background;
    }

    /**
     * The registry's entries for a {@code did:elsi} issuer whose certificate path and
     * organizationIdentifier the caller has verified; empty for any other DID, without a request.
     */
    @Override
    public List<TrustedIssuer> lookup(String issuerId) {
        if (!ELSI_DID.matcher(issuerId).matches()) {
            return List.of();
        }
        RefreshingSource<List<TrustedIssuer>> source = listed.get(issuerId);
        if (source != null) {
            try {
                return source.get();
            } catch (RefreshingSource.StaleException e) {
                throw TrustDocuments.trustUnavailable("the trusted issuers registry");
            }
        }
        Instant now = clock.instant();
        Instant until = notListed.get(issuerId);
        if (until != null && now.isBefore(until)) {
            return List.of();
        }
        List<TrustedIssuer> entries;
        try {
            entries = fetch(issuerId);
        } catch (Exception e) {
            throw TrustDocuments.trustUnavailable("the trusted issuers registry");
        }
        if (entries.isEmpty()) {
            notListed.put(issuerId, now.plus(refresh));
        } else {
            notListed.remove(issuerId);
            RefreshingSource<List<TrustedIssuer>> fresh = new RefreshingSource<>(
                    "trusted issuers registry entry", () -> fetch(issuerId), clock, refresh, maxStaleness, background);
            fresh.seed(entries);
            listed.computeIfAbsent(issuerId, k -> fresh);
        }
        return entries;
    }

    /**
     * Without a request: a DID the registry is never asked about, or a cached "not listed", is known to be listed
     * nowhere here; anything else (a listed issuer's entry may need a reload) is left to {@link #lookup}.
     */
    @Override
    public Optional<List<TrustedIssuer>> lookupWithoutFetch(String issuerId) {
        if (!ELSI_DID.matcher(issuerId).matches()) {
            return Optional.of(List.of());
        }
        Instant until = notListed.get(issuerId);
        if (listed.get(issuerId) == null && until != null && clock.instant().isBefore(until)) {
            return Optional.of(List.of());
        }
        return Optional.empty();
    }

    /** For metrics and tests: issuers held as listed, and as not listed. */
    public int listedCount() {
        return (int) listed.size();
    }

    public int notListedCount() {
        return (int) notListed.size();
    }

    private List<TrustedIssuer> fetch(String issuerId) throws Exception {
        String body;
        try {
            body = new String(fetcher.get(base + issuerId, "application/json"), StandardCharsets.UTF_8);
        } catch (FetchException e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
        return parse(issuerId, TrustDocuments.json(body));
    }

    /** The entries of one registry answer; attributes that cannot be read are skipped. */
    static List<TrustedIssuer> parse(String issuerId, Map<String, Object> doc) throws Exception {
        if (doc.get("did") instanceof String did && !did.equals(issuerId)) {
            throw new IllegalArgumentException("registry answered for another DID");
        }
        if (!(doc.get("attributes") instanceof List<?> attributes)) {
            throw new IllegalArgumentException("registry answer has no 'attributes'");
        }
        List<TrustedIssuer> out = new ArrayList<>();
        for (Object a : attributes) {
            if (!(a instanceof Map<?, ?> attr) || !(attr.get("body") instanceof String b64)) {
                continue;
            }
            Map<String, Object> body;
            try {
                String text = new String(decode(b64), StandardCharsets.UTF_8);
                body = TrustDocuments.json(text);
            } catch (Exception e) {
                continue;
            }
            Set<String> types = new LinkedHashSet<>();
            Object t = body.get("credentialsType");
            if (t instanceof String s) {
                types.add(s);
            } else if (t instanceof List<?> list) {
                list.stream()
                        .filter(String.class::isInstance)
                        .map(String.class::cast)
                        .forEach(types::add);
            }
            Optional<Instant> from = Optional.empty();
            Optional<Instant> to = Optional.empty();
            if (body.get("validFor") instanceof Map<?, ?> validFor) {
                from = date(validFor.get("from"));
                to = date(validFor.get("to"));
            }
            out.add(new TrustedIssuer(issuerId, Set.copyOf(types), from, to));
        }
        return out;
    }

    /** Standard Base64 (EBSI's form, possibly with line breaks) or base64url. */
    private static byte[] decode(String b64) {
        return Base64.getUrlDecoder()
                .decode(b64.replaceAll("\\s", "").replace('+', '-').replace('/', '_'));
    }

    private static Optional<Instant> date(Object v) {
        if (!(v instanceof String s) || s.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(OffsetDateTime.parse(s).toInstant());
    }
}
