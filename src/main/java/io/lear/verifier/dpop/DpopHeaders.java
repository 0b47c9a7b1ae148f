package io.lear.verifier.dpop;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.util.List;
import java.util.Optional;

/** RFC 9449 §4.3 rule 1: at most one {@code DPoP} header; two are refused, not picked from. */
public final class DpopHeaders {
    private DpopHeaders() {}

    /** The one proof, or empty when the request has none; an empty header counts as a malformed proof. */
    public static Optional<String> single(List<String> values) {
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw OAuthException.of(Reason.DPOP_PROOF_INVALID, "more than one DPoP header");
        }
        String v = values.get(0);
        if (v == null || v.isBlank()) {
            throw OAuthException.of(Reason.DPOP_PROOF_INVALID, "DPoP header is empty");
        }
        return Optional.of(v.trim());
    }
}
