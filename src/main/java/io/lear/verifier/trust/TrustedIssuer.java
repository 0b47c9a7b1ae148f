package io.lear.verifier.trust;

import io.lear.verifier.jose.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** One entry of a trusted issuers list: who may issue which credential types, and when. */
public record TrustedIssuer(
        String id, Set<String> credentialTypes, Optional<Instant> validFrom, Optional<Instant> validUntil) {

    /**
     * The type that trusts an issuer for every machine credential lineage (profile §16.1): the legacy
     * {@code LEARCredentialMachine}. An entry may instead name configuration ids to trust the issuer for those only.
     */
    public static final String EVERY_MACHINE_LINEAGE = "LEARCredentialMachine";

    /**
     * Whether this entry lets the issuer issue machine credentials of {@code configurationId} at {@code at}, give or
     * take {@code skew}.
     */
    public boolean allows(String configurationId, Instant at, Duration skew) {
        return (credentialTypes.contains(EVERY_MACHINE_LINEAGE) || credentialTypes.contains(configurationId))
                && TimeWindow.contains(validFrom, validUntil, at, skew);
    }
}
