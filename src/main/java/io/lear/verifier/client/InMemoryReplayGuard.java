package io.lear.verifier.client;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The replay store of one server (profile §11, §15.2). Each entry is a fixed-size digest of
 * (client, jti) with its expiry, whatever the client sent, so the entry bound is a byte bound too
 * (about {@value #BYTES_PER_ENTRY} bytes an entry, measured: see the README). Entries are swept by
 * time, at most once a second, never by request count. When the bound is reached the store refuses
 * with 503 {@code replay_store_unavailable} rather than forget a jti that is still guarded.
 */
public final class InMemoryReplayGuard implements ReplayGuard {
    /** Heap per entry, measured with 1,000,000 entries on JDK 17 (compressed references): node, key, boxed expiry, table. */
    public static final int BYTES_PER_ENTRY = 97;

    static final long SWEEP_INTERVAL_MILLIS = 1000;
    private static final int RETRY_AFTER_SECONDS = 5;

    private final ConcurrentHashMap<ReplayKey, Long> seen = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);
    private final Clock clock;
    private final int maxEntries;

    public InMemoryReplayGuard(Clock clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    @Override
    public Optional<ReplayGuard.Claim> firstUse(String clientId, List<ReplayGuard.Claim> claims) {
        long now = clock.millis();
        sweepIfDue(now);
        List<ReplayKey> taken = new ArrayList<>(claims.size());
        for (ReplayGuard.Claim c : claims) {
            ReplayKey key = ReplayKey.of(c.kind().scoped(clientId), c.jti());
            long until = c.keepUntil().toEpochMilli();
            boolean first;
            try {
                first = claim(key, until, now);
            } catch (OAuthException full) {
                release(taken);
                throw full;
            }
            if (!first) {
                // Nothing of a refused request stays: undo the claims made so far (a concurrent copy of this very
                // request may have seen them meanwhile and been refused as a replay — it was one).
                release(taken);
                return Optional.of(c);
            }
            taken.add(key);
        }
        return Optional.empty();
    }

    private void release(List<ReplayKey> taken) {
        for (ReplayKey k : taken) {
            seen.remove(k);
        }
    }

    private boolean claim(ReplayKey key, long until, long now) {
        Long previous = seen.get(key);
        if (previous == null && seen.size() >= maxEntries) {
            throw OAuthException.unavailable(
                    Reason.REPLAY_STORE_UNAVAILABLE, "replay store is full; retry shortly", RETRY_AFTER_SECONDS);
        }
        previous = seen.putIfAbsent(key, until);
        if (previous == null) {
            return true;
        }
        if (previous < now) {
            // Expired but not yet swept: the assertion it guarded can no longer pass the exp check.
            return seen.replace(key, previous, until);
        }
        return false;
    }

    /** Removes expired entries when the last sweep is more than a second old; one caller sweeps. */
    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_MILLIS)) {
            seen.values().removeIf(until -> until < now);
        }
    }

    /** Live entries (expired ones not yet swept included), for metrics. */
    @Override
    public java.util.Map<Gauge, java.util.function.LongSupplier> gauges() {
        return java.util.Map.of(new Gauge("replay_store_entries", "Entries in the in-memory replay store"), this::size);
    }

    public int size() {
        return seen.size();
    }
}
