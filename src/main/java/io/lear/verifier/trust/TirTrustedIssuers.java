package io.lear.verifier.trust;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Trusted issuers from an EBSI Trusted Issuers Registry v4 style API, as DOME runs it:
 * {@code GET <base><issuer-did>} answers {@code {"did":…,"attributes":[{"body":"<Base64 JSON>"}]}}
 * whose bodies carry {@code credentialsType} and {@code validFor}. A 404 means "not listed". Each
 * issuer's answer is cached like any other trust document (bounded number of issuers).
 */
public final class TirTrustedIssuers implements TrustedIssuers {
    private static final int MAX_ISSUERS = 10_000;
    /** DIDs are put into a URL path: only these characters, so no '/', '?', '#' or '..' tricks. */
    private static final Pattern SAFE_DID = Pattern.compile("did:[a-z0-9]+:[A-Za-z0-9._:%-]{1,200}");

    private final String base;
    private final Fetcher fetcher;
    private final Clock clock;
    private final Duration refresh;
    private final Duration maxStaleness;
    private final ConcurrentHashMap<String, RefreshingSource<List<TrustedIssuer>>> byIssuer = new ConcurrentHashMap<>();

    public TirTrustedIssuers(String base, Fetcher fetcher, Clock clock, Duration refresh, Duration maxStaleness) {
        this.base = base;
        this.fetcher = fetcher;
        this.clock = clock;
        this.refresh = refresh;
        this.maxStaleness = maxStaleness;
    }

    @Override
    public List<TrustedIssuer> lookup(String issuerId) {
        if (!SAFE_DID.matcher(issuerId).matches() || issuerId.contains("..")) {
            return List.of();
        }
        if (byIssuer.size() >= MAX_ISSUERS && !byIssuer.containsKey(issuerId)) {
            byIssuer.clear();
        }
        RefreshingSource<List<TrustedIssuer>> source = byIssuer.computeIfAbsent(issuerId, id ->
                new RefreshingSource<>("trusted issuers registry entry", () -> fetch(id), clock, refresh, maxStaleness));
        try {
            return source.get();
        } catch (RefreshingSource.StaleException e) {
            throw TrustDocuments.trustUnavailable("the trusted issuers registry");
        }
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
                list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(types::add);
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

    private static byte[] decode(String b64) {
        String s = b64.trim();
        return s.indexOf('-') >= 0 || s.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(s) : Base64.getMimeDecoder().decode(s);
    }

    private static Optional<Instant> date(Object v) {
        if (!(v instanceof String s) || s.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(OffsetDateTime.parse(s).toInstant());
    }

    @Override
    public boolean isReady() {
        return true; // consulted per issuer; an outage shows as trust_unavailable on the request
    }
}
