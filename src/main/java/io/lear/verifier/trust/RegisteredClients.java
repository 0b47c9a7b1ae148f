package io.lear.verifier.trust;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DOME trusted services list (profile §7.3): YAML with key {@code clients}, entries with
 * {@code clientId}, {@code authorizationGrantTypes} and {@code scopes}. When configured, a client
 * must be listed with {@code client_credentials}; its non-empty {@code scopes} bound what it gets.
 */
public final class RegisteredClients {
    /** A registration: the scopes it may ask for (empty: no bound beyond the server's). */
    public record Registration(String clientId, Set<String> grantTypes, Set<String> scopes) {}

    private final RefreshingSource<Map<String, Registration>> source;

    public RegisteredClients(RefreshingSource<Map<String, Registration>> source) {
        this.source = source;
    }

    public static Map<String, Registration> parse(String yaml) {
        Map<String, Object> doc = TrustDocuments.yaml(yaml);
        if (!(doc.get("clients") instanceof List<?> list)) {
            throw new IllegalArgumentException("no 'clients' list");
        }
        Map<String, Registration> out = new HashMap<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("clientId") instanceof String id)) {
                continue;
            }
            out.put(id, new Registration(id, strings(m.get("authorizationGrantTypes")), strings(m.get("scopes"))));
        }
        return Map.copyOf(out);
    }

    private static Set<String> strings(Object v) {
        Set<String> out = new LinkedHashSet<>();
        if (v instanceof List<?> list) {
            list.stream()
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .forEach(out::add);
        } else if (v instanceof String s) {
            out.add(s);
        }
        return out;
    }

    /** The registration of an authenticated client allowed to use client_credentials. */
    public Registration require(String clientId) {
        Map<String, Registration> all;
        try {
            all = source.get();
        } catch (RefreshingSource.StaleException e) {
            throw TrustDocuments.trustUnavailable("the registered clients list");
        }
        Registration r = all.get(clientId);
        if (r == null) {
            throw OAuthException.of(Reason.CLIENT_NOT_REGISTERED, "client is not registered with this verifier");
        }
        if (!r.grantTypes().contains("client_credentials")) {
            throw OAuthException.of(Reason.GRANT_NOT_ALLOWED, "client is not registered for client_credentials");
        }
        return r;
    }
}
