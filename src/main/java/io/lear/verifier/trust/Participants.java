package io.lear.verifier.trust;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trusted participants list (profile §7.3), {@code {"participants":[{"organizationIdentifier":…}]}}:
 * when configured, a credential's mandator must be listed.
 */
public final class Participants {
    private final RefreshingSource<Set<String>> source;

    public Participants(RefreshingSource<Set<String>> source) {
        this.source = source;
    }

    public static Set<String> parse(String json) throws Exception {
        Map<String, Object> doc = TrustDocuments.json(json);
        if (!(doc.get("participants") instanceof List<?> list)) {
            throw new IllegalArgumentException("no 'participants' array");
        }
        Set<String> ids = new HashSet<>();
        for (Object o : list) {
            if (o instanceof Map<?, ?> m && m.get("organizationIdentifier") instanceof String id) {
                ids.add(id);
            }
        }
        return Set.copyOf(ids);
    }

    public void requireListed(String organizationIdentifier) {
        Set<String> listed;
        try {
            listed = source.get();
        } catch (RefreshingSource.StaleException e) {
            throw TrustDocuments.trustUnavailable("the participants list");
        }
        if (!listed.contains(organizationIdentifier)) {
            throw OAuthException.of(Reason.VC_MANDATOR_UNTRUSTED, "credential mandator is not a trusted participant");
        }
    }
}
