package io.lear.verifier.dpop;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.Claims;
import io.lear.verifier.jose.CompactJws;
import io.lear.verifier.jose.JwsPolicy;
import io.lear.verifier.jose.TimeWindow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * Verifies a DPoP proof JWT (RFC 9449 §4.3, profile §17) for one request: compact JWS within
 * {@value #MAX_PROOF_CHARS} characters, {@code typ} {@code dpop+jwt}, an allowed {@code alg} ({@link
 * JwsPolicy#DPOP_PROOF}) that fits the header {@code jwk}, a public-only {@code jwk} that verifies the signature, then
 * {@code htm}, {@code htu}, {@code iat} within the window and {@code jti}. Every refusal is {@code dpop_proof_invalid};
 * which key may sign, and single use of the {@code jti}, are the caller's (token endpoint, resource server).
 */
public final class DpopProofVerifier {
    public static final String TYP = "dpop+jwt";
    public static final int MAX_PROOF_CHARS = 8 * 1024;
    public static final int MAX_JTI_LENGTH = 256;
    /** Private or symmetric JWK members (RFC 7518 §6): a proof's key must be public only (RFC 9449 §4.2). */
    static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private static final Reason INVALID = Reason.DPOP_PROOF_INVALID;
    private final Clock clock;
    private final Duration skew;
    private final Duration maxAge;

    public DpopProofVerifier(Clock clock, Duration skew, Duration maxAge) {
        this.clock = clock;
        this.skew = skew;
        this.maxAge = maxAge;
    }

    /**
     * @param htm the request's method, e.g. {@code POST}
     * @param htu the request's URI as this server names it (from {@code verifier.issuer}, never from Host headers)
     */
    public DpopProof verify(String proof, String htm, String htu) {
        CompactJws jws = CompactJws.parse(proof, INVALID, "DPoP proof", MAX_PROOF_CHARS);
        checkType(jws.header());
        JwsPolicy.DPOP_PROOF.checkHeader(jws);
        Map<String, Object> jwk = publicJwk(jws.header());
        PublicKey key = key(jwk);
        JwsPolicy.DPOP_PROOF.requireSignature(jws, key, algorithmOf(jwk), "its 'jwk' header");
        Claims claims = jws.payload();
        if (!claims.string("htm").orElse("").equals(htm)) {
            throw OAuthException.of(INVALID, "DPoP proof 'htm' is not " + htm);
        }
        if (!TargetUri.matches(claims.string("htu").orElse(null), htu)) {
            throw OAuthException.of(INVALID, "DPoP proof 'htu' is not " + htu);
        }
        Instant keepUntil = checkIssuedAt(claims);
        String jti = jti(claims);
        return new DpopProof(Thumbprint.of(key), jti, keepUntil, claims.string("ath"));
    }

    /** RFC 9449 §4.3 rule 10: the proof's key is the one the token (or the client) is bound to. */
    public static void requireKey(DpopProof proof, String expectedJkt, Reason mismatch, String whose) {
        if (!proof.jkt().equals(expectedJkt)) {
            throw OAuthException.of(mismatch, "DPoP proof is not signed with " + whose);
        }
    }

    /** At the token endpoint (§17): the proof's key is the one the client's did:key decodes to. */
    public static void requireClientKey(DpopProof proof, PublicKey clientKey) {
        requireKey(proof, Thumbprint.of(clientKey), Reason.DPOP_KEY_MISMATCH, "the client's did:key");
    }

    /** At a resource server (RFC 9449 §4.3 rule 11, §7.1): {@code ath} = base64url(SHA-256(access token)). */
    public static void requireAccessTokenHash(DpopProof proof, String accessToken) {
        if (proof.ath().isEmpty() || !proof.ath().get().equals(accessTokenHash(accessToken))) {
            throw OAuthException.of(INVALID, "DPoP proof 'ath' is not the hash of the access token");
        }
    }

    public static String accessTokenHash(String accessToken) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkType(Claims header) {
        // Media types compare without case (RFC 7515 §4.1.9); nothing else names a DPoP proof.
        String typ = header.string("typ").orElse("");
        if (!typ.toLowerCase(Locale.ROOT).equals(TYP)) {
            throw OAuthException.of(INVALID, "DPoP proof 'typ' must be " + TYP);
        }
    }

    private static Map<String, Object> publicJwk(Claims header) {
        Claims jwk =
                header.object("jwk").orElseThrow(() -> OAuthException.of(INVALID, "DPoP proof has no 'jwk' header"));
        for (String member : jwk.raw().keySet()) {
            if (PRIVATE_MEMBERS.contains(member)) {
                throw OAuthException.of(INVALID, "DPoP proof 'jwk' must not carry private key members");
            }
        }
        return jwk.raw();
    }

    /** The only {@code alg} a proof key makes: ES256 for P-256, EdDSA for Ed25519 — the did:key types (§4). */
    private static String algorithmOf(Map<String, Object> jwk) {
        Object kty = jwk.get("kty");
        Object crv = jwk.get("crv");
        if ("EC".equals(kty) && "P-256".equals(crv)) {
            return "ES256";
        }
        if ("OKP".equals(kty) && "Ed25519".equals(crv)) {
            return "EdDSA";
        }
        throw OAuthException.of(INVALID, "DPoP proof 'jwk' is not a P-256 or Ed25519 key");
    }

    private static PublicKey key(Map<String, Object> jwk) {
        algorithmOf(jwk);
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(jwk).getPublicKey();
        } catch (Exception e) {
            throw OAuthException.of(INVALID, "DPoP proof 'jwk' is not a valid public key");
        }
    }

    private Instant checkIssuedAt(Claims claims) {
        Instant iat =
                claims.numericDate("iat").orElseThrow(() -> OAuthException.of(INVALID, "DPoP proof has no 'iat'"));
        Instant now = clock.instant();
        if (TimeWindow.notYetStarted(iat, now, skew)) {
            throw OAuthException.of(INVALID, "DPoP proof 'iat' is in the future");
        }
        if (TimeWindow.ended(iat.plus(maxAge), now, skew)) {
            throw OAuthException.of(INVALID, "DPoP proof is older than " + maxAge.toSeconds() + " seconds ('iat')");
        }
        return iat.plus(maxAge).plus(skew);
    }

    private static String jti(Claims claims) {
        String jti = claims.string("jti").orElse("");
        if (jti.isEmpty()) {
            throw OAuthException.of(INVALID, "DPoP proof has no 'jti'");
        }
        if (jti.length() > MAX_JTI_LENGTH) {
            throw OAuthException.of(INVALID, "DPoP proof 'jti' is longer than " + MAX_JTI_LENGTH + " characters");
        }
        return jti;
    }
}
