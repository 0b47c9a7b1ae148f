package io.lear.verifier.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Entries are added only for artefacts of a request that passed every check (profile §15.2, issue 20): the checks
 * stage what they would cache (a client's did:key, certificates, a validated chain) and the token service commits
 * them after the token is signed; a refused or failed request discards them. One mechanism instead of a rule
 * remembered at call sites. The staging is per thread: a token request is decided on one thread. Outside a request
 * (the did:key JWKS endpoint, a unit test calling a check directly) nothing is staged and nothing cached.
 */
public final class Admission {
    private static final ThreadLocal<List<Runnable>> STAGED = new ThreadLocal<>();

    private Admission() {}

    /** Runs {@code decision} with a fresh staging area; commits what it staged only if it returns normally. */
    public static <T> T decide(Supplier<T> decision) {
        List<Runnable> outer = STAGED.get();
        List<Runnable> staged = new ArrayList<>();
        STAGED.set(staged);
        try {
            T result = decision.get();
            staged.forEach(Runnable::run);
            return result;
        } finally {
            if (outer == null) {
                STAGED.remove();
            } else {
                STAGED.set(outer);
            }
        }
    }

    /** Stages {@code key → value} for {@code cache}, added if the current request is granted. */
    public static <K, V> void stage(BoundedCache<K, V> cache, K key, V value) {
        List<Runnable> staged = STAGED.get();
        if (staged != null && cache.get(key) == null) {
            staged.add(() -> cache.put(key, value));
        }
    }
}
