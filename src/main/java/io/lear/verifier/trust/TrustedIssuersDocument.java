package io.lear.verifier.trust;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the trusted issuers JSON of profile §7.2:
 * {@code {"issuers":[{"id":…,"credentialTypes":[…],"validFrom":…,"validUntil":…}]}}.
 */
public final class TrustedIssuersDocument {
    private TrustedIssuersDocument() {}

    /** @throws IllegalArgumentException with a short reason when the document is not of that shape */
    public static Map<String, List<TrustedIssuer>> parse(String json) {
        Map<String, Object> root = TrustDocuments.json(json);
        if (!(root.get("issuers") instanceof List<?> list)) {
            throw new IllegalArgumentException("no 'issuers' array");
        }
        Map<String, List<TrustedIssuer>> byId = new HashMap<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> entry) || !(entry.get("id") instanceof String id) || id.isBlank()) {
                throw new IllegalArgumentException("an issuer entry has no 'id'");
            }
            if (!(entry.get("credentialTypes") instanceof List<?> types)) {
                throw new IllegalArgumentException("issuer " + id + " has no 'credentialTypes' array");
            }
            Set<String> typeSet = new LinkedHashSet<>();
            for (Object t : types) {
                if (!(t instanceof String s)) {
                    throw new IllegalArgumentException("issuer " + id + " has a non-string credential type");
                }
                typeSet.add(s);
            }
            TrustedIssuer issuer = new TrustedIssuer(
                    id, Set.copyOf(typeSet), date(entry.get("validFrom"), id), date(entry.get("validUntil"), id));
            byId.computeIfAbsent(id, k -> new ArrayList<>()).add(issuer);
        }
        return byId;
    }

    private static Optional<Instant> date(Object v, String id) {
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("issuer " + id + " has a non-string date");
        }
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("issuer " + id + " has a date that is not RFC 3339");
        }
    }
}
