package io.lear.verifier.trust;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Profile §16.1: which machine lineages a trusted-issuer or TIR entry trusts its issuer for. */
class TrustedIssuerTest {
    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    private static final String LEGACY = "LEARCredentialMachine";
    private static final String W3C3 = "learcredential.machine.w3c.3";
    private static final String SD1 = "learcredential.machine.sd.1";

    private static TrustedIssuer entry(String... types) {
        return new TrustedIssuer("did:elsi:VATES-Q0000000J", Set.of(types), Optional.empty(), Optional.empty());
    }

    @Test
    void learCredentialMachineTrustsEveryMachineLineage() {
        TrustedIssuer all = entry(LEGACY);
        for (String id : new String[] {LEGACY, W3C3, SD1}) {
            assertTrue(all.allows(id, NOW, Duration.ZERO), id);
        }
    }

    @Test
    void configurationIdsTrustForThoseOnly() {
        TrustedIssuer w3c3 = entry(W3C3);
        assertTrue(w3c3.allows(W3C3, NOW, Duration.ZERO));
        assertFalse(w3c3.allows(LEGACY, NOW, Duration.ZERO));
        assertFalse(w3c3.allows(SD1, NOW, Duration.ZERO));
        assertFalse(entry("LEARCredentialEmployee").allows(W3C3, NOW, Duration.ZERO));
    }

    @Test
    void theWindowStillApplies() {
        TrustedIssuer ended = new TrustedIssuer(
                "did:elsi:VATES-Q0000000J", Set.of(LEGACY), Optional.empty(), Optional.of(NOW.minusSeconds(61)));
        assertFalse(ended.allows(W3C3, NOW, Duration.ofSeconds(60)));
        assertTrue(ended.allows(W3C3, NOW, Duration.ofSeconds(61)));
    }
}
