package io.lear.verifier.trust;

import java.util.List;

/** A source of trusted issuers (profile §7.2): a local file today, remote registries later. */
public interface TrustedIssuers {
    /**
     * The entries for {@code issuerId}; empty when the issuer is not listed.
     *
     * @throws io.lear.verifier.error.OAuthException {@code trust_unavailable} when the list cannot be consulted
     */
    List<TrustedIssuer> lookup(String issuerId);
}
