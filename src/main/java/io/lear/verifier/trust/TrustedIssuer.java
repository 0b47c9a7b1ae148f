package io.lear.verifier.trust;

import io.lear.verifier.jose.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** One entry of a trusted issuers list: who may issue which credential types, and when. */
public record TrustedIssuer(
        String id, Set<String> credentialTypes, Optional<Instant> validFrom, Optional<Instant> validUntil) {

    /** Whether this entry lets the issuer issue {@code type} at {@code at}, give or take {@code skew}. */
    public boolean allows(String type, Instant at, Duration skew) {
        return credentialTypes.contains(type) && TimeWindow.contains(validFrom, validUntil, at, skew);
    }
}
