package io.lear.verifier.keys;

import io.lear.verifier.cache.Admission;
import io.lear.verifier.cache.BoundedCache;

/**
 * Decodes did:keys, keeping the keys of clients that were granted a token: decoding a compressed point costs a
 * modular square root, and the same few machines call again and again. A decoded key is only staged
 * ({@link Admission}); it is kept once its request is granted, so a stranger's throw-away did:keys, refused requests
 * and the public did:key JWKS endpoint leave nothing behind. Bounded, W-TinyLFU ({@link BoundedCache}).
 */
public final class DidKeyResolver {
    private final BoundedCache<String, DidKey> cache;

    public DidKeyResolver() {
        this(10_000);
    }

    DidKeyResolver(int maxEntries) {
        this.cache = new BoundedCache<>(maxEntries);
    }

    /** @throws IllegalArgumentException when the value is not a supported did:key */
    public DidKey resolve(String did) {
        DidKey known = cache.get(did);
        if (known != null) {
            return known;
        }
        DidKey key = DidKey.parse(did);
        Admission.stage(cache, did, key);
        return key;
    }

    /** For tests and metrics: keys held. */
    public long size() {
        return cache.size();
    }
}
