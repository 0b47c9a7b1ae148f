package io.lear.verifier.trust;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** One entry of a trusted issuers list: who may issue which credential types, and when. */
public record TrustedIssuer(
        String id, Set<String> credentialTypes, Optional<Instant> validFrom, Optional<Instant> validUntil) {

    /** Whether this entry lets the issuer issue {@code type} at {@code at}. */
    public boolean allows(String type, Instant at) {
        return credentialTypes.contains(type)
                && validFrom.map(f -> !at.isBefore(f)).orElse(true)
                && validUntil.map(u -> !at.isAfter(u)).orElse(true);
    }
}
