package io.lear.verifier.client;

import java.time.Instant;

/** Single use of client assertion {@code jti}s (profile §11). */
public interface ReplayGuard {
    /**
     * Atomically records {@code jti} for {@code clientId} until {@code keepUntil}.
     *
     * @return true when it was not seen before; false on a replay
     */
    boolean firstUse(String clientId, String jti, Instant keepUntil);
}
