package io.lear.verifier.client;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replay store of one server. Entries live until their assertion's {@code exp} + skew, so the
 * map is bounded by the request rate times the maximum assertion lifetime; a hard cap makes the
 * bound absolute, and when it is reached the store refuses (fails closed) rather than forgets.
 */
public final class InMemoryReplayGuard implements ReplayGuard {
    static final int DEFAULT_MAX_ENTRIES = 1_000_000;
    private static final int SWEEP_EVERY = 4096;

    private final ConcurrentHashMap<String, Instant> seen = new ConcurrentHashMap<>();
    private final AtomicInteger untilSweep = new AtomicInteger(SWEEP_EVERY);
    private final Clock clock;
    private final int maxEntries;

    public InMemoryReplayGuard(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRIES);
    }

    InMemoryReplayGuard(Clock clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    @Override
    public boolean firstUse(String clientId, String jti, Instant keepUntil) {
        Instant now = clock.instant();
        if (untilSweep.decrementAndGet() <= 0 || seen.size() >= maxEntries) {
            untilSweep.set(SWEEP_EVERY);
            seen.values().removeIf(until -> until.isBefore(now));
            if (seen.size() >= maxEntries) {
                // No reason of its own in the profile's table: the replay store is part of the trust state.
                throw OAuthException.unavailable(Reason.TRUST_UNAVAILABLE, "replay store is full; retry shortly", 5);
            }
        }
        // The client id and jti are joined with a separator that cannot occur in a did:key.
        String key = clientId + '\n' + jti;
        Instant previous = seen.putIfAbsent(key, keepUntil);
        if (previous == null) {
            return true;
        }
        if (previous.isBefore(now)) {
            // An expired entry not yet swept: the assertion it guarded can no longer pass the exp check.
            return seen.replace(key, previous, keepUntil);
        }
        return false;
    }

    int size() {
        return seen.size();
    }
}
