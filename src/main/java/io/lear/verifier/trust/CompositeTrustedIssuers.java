package io.lear.verifier.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Several trusted issuer sources; an issuer is listed when any source lists it. */
public final class CompositeTrustedIssuers implements TrustedIssuers {
    private final List<TrustedIssuers> sources;

    public CompositeTrustedIssuers(List<TrustedIssuers> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public List<TrustedIssuer> lookup(String issuerId) {
        List<TrustedIssuer> out = new ArrayList<>();
        for (TrustedIssuers s : sources) {
            out.addAll(s.lookup(issuerId));
        }
        return out;
    }

    /** Known only when every source knows without a request. */
    @Override
    public Optional<List<TrustedIssuer>> lookupWithoutFetch(String issuerId) {
        List<TrustedIssuer> out = new ArrayList<>();
        for (TrustedIssuers s : sources) {
            Optional<List<TrustedIssuer>> known = s.lookupWithoutFetch(issuerId);
            if (known.isEmpty()) {
                return Optional.empty();
            }
            out.addAll(known.get());
        }
        return Optional.of(out);
    }
}
