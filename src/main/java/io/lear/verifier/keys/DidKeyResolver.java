package io.lear.verifier.keys;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes did:keys, remembering the keys of clients that were granted a token: decoding a compressed
 * point costs a modular square root, and the same few machines call again and again. Only a granted
 * request adds an entry ({@link #remember}), so a stranger's throw-away did:keys, refused requests and
 * the public did:key JWKS endpoint leave nothing behind and cannot evict the keys of real clients. The
 * cache is bounded; when full it starts over rather than growing.
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
        return known != null ? known : DidKey.parse(did);
    }

    /** Keeps a key whose holder has proven everything a token needs. */
    public void remember(DidKey key) {
        if (cache.containsKey(key.did())) {
            return;
        }
        if (cache.size() >= maxEntries) {
            cache.clear();
        }
        cache.put(key.did(), key);
    }

    int size() {
        return cache.size();
    }
}
