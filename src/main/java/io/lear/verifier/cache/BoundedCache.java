package io.lear.verifier.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The one cache type of the verifier (did:keys, certificates, chains, TIR answers, status lists): bounded in
 * entries, with Caffeine's W-TinyLFU eviction, so a burst of new keys evicts the least useful entries instead of
 * every good one at once (the "empty when full" maps did that). Entries that a request brought reach it only
 * through {@link Admission}, once the request was granted.
 */
public final class BoundedCache<K, V> {
    private final Cache<K, V> cache;
    private final long maxEntries;

    /** Eviction runs on the calling thread: no pool of its own in the server, and deterministic in tests. */
    public BoundedCache(long maxEntries) {
        this.maxEntries = maxEntries;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .executor(Runnable::run)
                .build();
    }

    /** The entry, or null. */
    public V get(K key) {
        return cache.getIfPresent(key);
    }

    /**
     * Adds an entry now. For the verifier's own answers (a registry's, a status list's); what a request brought goes
     * through {@link Admission#stage}.
     */
    public void put(K key, V value) {
        cache.put(key, value);
    }

    /** The entry, computed and added when absent (once per key at a time). */
    public V computeIfAbsent(K key, java.util.function.Function<? super K, ? extends V> compute) {
        return cache.get(key, compute);
    }

    /** A view of the values, for metrics. */
    public java.util.Collection<V> values() {
        return cache.asMap().values();
    }

    public void remove(K key) {
        cache.invalidate(key);
    }

    public void clear() {
        cache.invalidateAll();
    }

    /** Entries held now (pending evictions done first). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    public long maxEntries() {
        return maxEntries;
    }
}
