package io.lear.verifier.token;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Decides the granted scope (profile §8): none requested means every allowed scope. */
public final class ScopePolicy {
    private static final int MAX_SCOPES = 32;
    private final Set<String> allowed;
    /** The allowed scopes in their configured order, for the "nothing requested" answer. */
    private final List<String> ordered;

    public ScopePolicy(Set<String> allowed) {
        this.allowed = Set.copyOf(allowed);
        this.ordered = List.copyOf(allowed);
    }

    /**
     * @param requested the {@code scope} parameter, if any
     * @param clientScopes further bound for a registered client, empty for none
     */
    public List<String> grant(Optional<String> requested, Set<String> clientScopes) {
        if (requested.isEmpty()) {
            List<String> all = new ArrayList<>(ordered);
            if (!clientScopes.isEmpty()) {
                all.retainAll(clientScopes);
            }
            return all;
        }
        String[] parts = requested.get().split(" ", -1);
        if (parts.length > MAX_SCOPES) {
            throw OAuthException.of(Reason.SCOPE_NOT_ALLOWED, "too many scope values");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : parts) {
            if (s.isEmpty() || !s.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
                throw OAuthException.of(
                        Reason.SCOPE_NOT_ALLOWED, "scope is not a space-separated list of scope tokens");
            }
            if (!allowed.contains(s) || (!clientScopes.isEmpty() && !clientScopes.contains(s))) {
                throw OAuthException.of(Reason.SCOPE_NOT_ALLOWED, "scope '" + s + "' is not allowed");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }
}
