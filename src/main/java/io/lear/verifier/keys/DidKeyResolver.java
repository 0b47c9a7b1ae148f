package io.lear.verifier.keys;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes did:keys, remembering recent results: decoding a compressed point costs a modular square
 * root, and the same few machines call again and again. The cache is bounded; when full it starts
 * over rather than growing.
 */
public final class DidKeyResolver {
    private final int maxEntries;
    private final ConcurrentHashMap<String, DidKey> cache = new ConcurrentHashMap<>();

    public DidKeyResolver() {
        this(10_000);
    }

    DidKeyResolver(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** @throws IllegalArgumentException when the value is not a supported did:key */
    public DidKey resolve(String did) {
        DidKey known = cache.get(did);
        if (known != null) {
            return known;
        }
        DidKey parsed = DidKey.parse(did);
        if (cache.size() >= maxEntries) {
            cache.clear();
        }
        cache.put(did, parsed);
        return parsed;
    }

    int size() {
        return cache.size();
    }
}
