package io.lear.verifier.sample;

import io.lear.verifier.client.InMemoryReplayGuard;
import io.lear.verifier.client.ReplayGuard;
import io.lear.verifier.dpop.DpopHeaders;
import io.lear.verifier.dpop.DpopProof;
import io.lear.verifier.dpop.DpopProofVerifier;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a resource server checks for a DPoP-bound token (RFC 9449 §7, profile §17), without a container: the token
 * (as MP-JWT would), its {@code cnf.jkt}, and one proof of the key with that thumbprint for this request — {@code
 * htm}, {@code htu}, {@code ath}, the {@code iat} window and a {@code jti} not seen before (bounded memory). A bound
 * token sent as {@code Bearer} is refused ({@link #refuseBoundBearer}).
 */
public final class DpopResourceCheck {
    /** Bound of the proof jti memory: full means 503-like refusals (401 here) rather than forgetting a jti. */
    static final int MAX_PROOF_JTIS = 100_000;

    /** A refusal, with the {@code error} of the {@code WWW-Authenticate: DPoP} challenge. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String error;

        Refused(String error, String description) {
            super(description, null, false, false);
            this.error = error;
        }

        public String error() {
            return error;
        }
    }

    private final SampleTokens tokens;
    private final DpopProofVerifier proofs;
    private final ReplayGuard seen;
    private final String issuer;

    DpopResourceCheck(SampleTokens tokens, DpopProofVerifier proofs, ReplayGuard seen, String issuer) {
        this.tokens = tokens;
        this.proofs = proofs;
        this.seen = seen;
        this.issuer = issuer;
    }

    static DpopResourceCheck of(SampleTokens tokens, DpopProofVerifier proofs, java.time.Clock clock, String issuer) {
        return new DpopResourceCheck(tokens, proofs, new InMemoryReplayGuard(clock, MAX_PROOF_JTIS), issuer);
    }

    /** The token of an {@code Authorization: DPoP <token>} header; empty for any other scheme. */
    static Optional<String> dpopToken(String authorization) {
        return schemeToken(authorization, "dpop");
    }

    static Optional<String> bearerToken(String authorization) {
        return schemeToken(authorization, "bearer");
    }

    private static Optional<String> schemeToken(String authorization, String scheme) {
        if (authorization == null) {
            return Optional.empty();
        }
        String[] parts = authorization.trim().split(" +", 2);
        if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals(scheme)) {
            return Optional.empty();
        }
        return Optional.of(parts[1].trim());
    }

    /**
     * @param path the request path below the context root, without query (e.g. {@code api/sample/whoami})
     * @return the verified token's claims
     */
    public Map<String, Object> verify(String token, List<String> dpopHeaders, String method, String path) {
        Map<String, Object> claims;
        try {
            claims = tokens.verify(token);
        } catch (IllegalArgumentException e) {
            throw new Refused("invalid_token", e.getMessage());
        }
        String jkt = boundKey(claims)
                .orElseThrow(() -> new Refused("invalid_token", "the DPoP scheme needs a DPoP-bound token"));
        try {
            String proof = DpopHeaders.single(dpopHeaders)
                    .orElseThrow(() -> OAuthException.of(Reason.DPOP_PROOF_MISSING, "no DPoP proof"));
            DpopProof p = proofs.verify(proof, method, issuer + "/" + stripSlash(path));
            DpopProofVerifier.requireKey(p, jkt, Reason.DPOP_KEY_MISMATCH, "the key the token is bound to");
            DpopProofVerifier.requireAccessTokenHash(p, token);
            if (!seen.firstUse(jkt, List.of(new ReplayGuard.Claim(ReplayGuard.Kind.DPOP_PROOF, p.jti(), p.keepUntil())))
                    .isEmpty()) {
                throw OAuthException.of(Reason.DPOP_PROOF_REPLAYED, "DPoP proof 'jti' was already used");
            }
        } catch (OAuthException e) {
            throw new Refused("invalid_dpop_proof", e.description());
        }
        return claims;
    }

    /** RFC 9449 §7.2: a token bound to a key must not be accepted as a bearer token. */
    public static void refuseBoundBearer(String authorization) {
        Optional<String> bearer = bearerToken(authorization);
        if (bearer.isPresent() && unverifiedPayload(bearer.get()).containsKey("cnf")) {
            throw new Refused("invalid_token", "a DPoP-bound token must be sent with the DPoP scheme");
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<String> boundKey(Map<String, Object> claims) {
        if (claims.get("cnf") instanceof Map<?, ?> cnf && cnf.get("jkt") instanceof String jkt && !jkt.isEmpty()) {
            return Optional.of(jkt);
        }
        return Optional.empty();
    }

    /** Read only after the container verified the token; a payload that cannot be read counts as bound. */
    private static Map<String, Object> unverifiedPayload(String token) {
        try {
            String[] parts = token.split("\\.");
            return JsonText.parseObject(
                    new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8), 32);
        } catch (RuntimeException e) {
            return Map.of("cnf", "unreadable");
        }
    }

    private static String stripSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
