package io.lear.verifier.trust;

import java.util.List;
import java.util.Optional;

/** A source of trusted issuers (profile §7.2): a local file today, remote registries later. */
public interface TrustedIssuers {
    /**
     * The entries for {@code issuerId}; empty when the issuer is not listed.
     *
     * @throws io.lear.verifier.error.OAuthException {@code trust_unavailable} when the list cannot be consulted
     */
    List<TrustedIssuer> lookup(String issuerId);

    /**
     * The entries for {@code issuerId} when they are known without an outbound request, else empty: lets the
     * verifier refuse an unlisted issuer by a lookup before any work with the request's keys (issue 20), while a
     * registry is still asked only about an issuer whose certificate path is verified (§15.2).
     *
     * @throws io.lear.verifier.error.OAuthException {@code trust_unavailable} when the list cannot be consulted
     */
    default Optional<List<TrustedIssuer>> lookupWithoutFetch(String issuerId) {
        return Optional.of(lookup(issuerId));
    }
}
