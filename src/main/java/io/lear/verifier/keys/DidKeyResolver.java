package io.lear.verifier.keys;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes did:keys, remembering recent results: decoding a compressed point costs a modular square
 * root, and the same few machines call again and again. The cache is bounded; when full it starts
 * over rather than growing.
 */
public final class DidKeyResolver {
    private static final int MAX_ENTRIES = 10_000;
    private final ConcurrentHashMap<String, DidKey> cache = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException when the value is not a supported did:key */
    public DidKey resolve(String did) {
        DidKey known = cache.get(did);
        if (known != null) {
            return known;
        }
        DidKey parsed = DidKey.parse(did);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(did, parsed);
        return parsed;
    }
}
