package io.lear.verifier.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/** Single use of client assertion {@code jti}s (profile §11) and of DPoP proof {@code jti}s (§17), per client. */
public interface ReplayGuard {
    /**
     * Atomically records {@code jti} for {@code clientId} until {@code keepUntil}.
     *
     * @return true when it was not seen before; false on a replay
     */
    default boolean firstUse(String clientId, String jti, Instant keepUntil) {
        return firstUse(clientId, List.of(new Claim(Kind.ASSERTION, jti, keepUntil)))
                .isEmpty();
    }

    /**
     * Claims every {@code jti} of one request for {@code clientId} as a whole: either none was seen before and all are
     * recorded now, or none is left recorded by this call — a refused request leaves nothing (§11, §15.2).
     *
     * @return the first claim that was seen before; empty when all were new
     */
    Optional<Claim> firstUse(String clientId, List<Claim> claims);

    /** What a jti identifies: kept apart, so that one value may serve as an assertion's and a proof's jti. */
    enum Kind {
        ASSERTION(""),
        // A space cannot occur in a did:key, so no client's assertion keys can equal another's proof keys.
        DPOP_PROOF(" dpop");

        private final String scope;

        Kind(String scope) {
            this.scope = scope;
        }

        /** The client part of the replay key: the DID itself for assertions (unchanged keys), marked for proofs. */
        String scoped(String clientId) {
            return clientId + scope;
        }
    }

    /** One {@code jti} to claim, until when. */
    record Claim(Kind kind, String jti, Instant keepUntil) {}

    /** For readiness: whether the store can take claims now (an in-process store always can). */
    default boolean isReachable() {
        return true;
    }

    /** For metrics: each gauge's name and description, and its current value. */
    default Map<Gauge, LongSupplier> gauges() {
        return Map.of();
    }

    record Gauge(String name, String description) {}
}
