package io.lear.verifier.client;

import java.time.Instant;
import java.util.Map;
import java.util.function.LongSupplier;

/** Single use of client assertion {@code jti}s (profile §11). */
public interface ReplayGuard {
    /**
     * Atomically records {@code jti} for {@code clientId} until {@code keepUntil}.
     *
     * @return true when it was not seen before; false on a replay
     */
    boolean firstUse(String clientId, String jti, Instant keepUntil);

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
