package io.lear.verifier.client;

import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.Claims;
import io.lear.verifier.jose.CompactJws;
import io.lear.verifier.jose.JwsPolicy;
import io.lear.verifier.jose.TimeWindow;
import io.lear.verifier.keys.DidKey;
import io.lear.verifier.keys.DidKeyResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies the Private Key JWT client assertion (profile §4, RFC 7523 §3): the key always comes
 * from the client's did:key, never from a header; then audience, time and {@code jti} rules.
 */
@ApplicationScoped
public class ClientAssertionVerifier implements ClientAssertionValidator {
    static final int MAX_JTI_LENGTH = 256;

    private final Clock clock;
    private final Duration skew;
    private final Duration maxLifetime;
    private final Set<String> audiences;
    private final DidKeyResolver dids;

    @Inject
    public ClientAssertionVerifier(VerifierConfig config, Clock clock, DidKeyResolver dids) {
        this.clock = clock;
        this.skew = config.clockSkew();
        this.maxLifetime = config.assertionMaxLifetime();
        // RFC 7523 wants the issuer or the token endpoint; the EUDIStack client SDK sends its configured
        // base URL verbatim, which operators often write with a trailing slash.
        this.audiences = Set.of(config.issuer(), config.issuer() + "/", config.tokenEndpoint());
        this.dids = dids;
    }

    /** For the CDI client proxy only (it never verifies anything itself). */
    protected ClientAssertionVerifier() {
        clock = null;
        skew = null;
        maxLifetime = null;
        audiences = null;
        dids = null;
    }

    @Override
    public VerifiedAssertion verify(String assertion, Optional<String> clientId) {
        CompactJws jws = CompactJws.parse(
                assertion, Reason.ASSERTION_MALFORMED, "client assertion", CompactJws.MAX_ASSERTION_CHARS);
        JwsPolicy.CLIENT_ASSERTION.requireAllowedAlgorithm(jws);
        DidKey client = resolveClient(jws.payload(), clientId);
        checkKeyId(jws.header(), client);
        JwsPolicy.CLIENT_ASSERTION.verify(
                jws, client.publicKey(), client.type().jwsAlgorithm(), "the client's did:key");
        Claims claims = jws.payload();
        checkAudience(claims);
        Instant now = clock.instant();
        Instant exp = checkTimes(claims, now);
        String jti = checkJti(claims);
        return new VerifiedAssertion(client, jti, exp, vpToken(claims));
    }

    private DidKey resolveClient(Claims claims, Optional<String> clientId) {
        Optional<String> iss = claims.string("iss");
        Optional<String> sub = claims.string("sub");
        if (iss.isEmpty() || sub.isEmpty()) {
            throw OAuthException.of(Reason.ASSERTION_SUBJECT_MISMATCH, "client assertion needs both 'iss' and 'sub'");
        }
        if (!iss.get().equals(sub.get())) {
            throw OAuthException.of(Reason.ASSERTION_SUBJECT_MISMATCH, "client assertion 'iss' and 'sub' differ");
        }
        if (clientId.isPresent() && !clientId.get().equals(iss.get())) {
            throw OAuthException.of(
                    Reason.ASSERTION_SUBJECT_MISMATCH,
                    "client_id does not equal the client assertion's 'iss' and 'sub'");
        }
        if (iss.get().contains("#")) {
            throw OAuthException.of(
                    Reason.ASSERTION_SUBJECT_MISMATCH, "client assertion 'iss' must be a DID without fragment");
        }
        try {
            return dids.resolve(iss.get());
        } catch (IllegalArgumentException e) {
            throw OAuthException.of(
                    Reason.ASSERTION_KEY_UNRESOLVABLE,
                    "client assertion 'iss' is not a supported did:key: " + e.getMessage());
        }
    }

    private static void checkKeyId(Claims header, DidKey client) {
        Optional<String> kid = header.string("kid");
        if (kid.isEmpty()) {
            return;
        }
        String[] didAndFragment = kid.get().split("#", 2);
        String keyPart = client.did().substring(DidKey.PREFIX.length());
        boolean namesClient = didAndFragment[0].equals(client.did())
                && (didAndFragment.length == 1 || didAndFragment[1].equals(keyPart));
        if (!namesClient) {
            throw OAuthException.of(
                    Reason.ASSERTION_KEY_UNRESOLVABLE, "client assertion 'kid' does not name the client's did:key");
        }
    }

    private void checkAudience(Claims claims) {
        List<String> aud = claims.stringOrList("aud");
        if (aud.stream().noneMatch(audiences::contains)) {
            throw OAuthException.of(
                    Reason.ASSERTION_AUDIENCE_INVALID,
                    "client assertion 'aud' must contain the issuer URL or the token endpoint URL");
        }
    }

    private Instant checkTimes(Claims claims, Instant now) {
        Instant exp = claims.numericDate("exp")
                .orElseThrow(() -> OAuthException.of(Reason.ASSERTION_MALFORMED, "client assertion has no 'exp'"));
        if (TimeWindow.ended(exp, now, skew)) {
            throw OAuthException.of(Reason.ASSERTION_EXPIRED, "client assertion expired");
        }
        Optional<Instant> iat = claims.numericDate("iat");
        if (iat.isPresent() && TimeWindow.notYetStarted(iat.get(), now, skew)) {
            throw OAuthException.of(Reason.ASSERTION_NOT_YET_VALID, "client assertion 'iat' is in the future");
        }
        Optional<Instant> nbf = claims.numericDate("nbf");
        if (nbf.isPresent() && TimeWindow.notYetStarted(nbf.get(), now, skew)) {
            throw OAuthException.of(Reason.ASSERTION_NOT_YET_VALID, "client assertion is not valid yet ('nbf')");
        }
        Instant start = iat.orElse(now);
        if (Duration.between(start, exp).compareTo(maxLifetime) > 0) {
            throw OAuthException.of(
                    Reason.ASSERTION_LIFETIME_TOO_LONG,
                    "client assertion lifetime exceeds " + maxLifetime.toSeconds() + " seconds");
        }
        return exp;
    }

    private static String checkJti(Claims claims) {
        String jti = claims.string("jti").orElse("");
        if (jti.isEmpty()) {
            throw OAuthException.of(Reason.ASSERTION_JTI_MISSING, "client assertion has no 'jti'");
        }
        if (jti.length() > MAX_JTI_LENGTH) {
            throw OAuthException.of(
                    Reason.ASSERTION_JTI_TOO_LONG,
                    "client assertion 'jti' is longer than " + MAX_JTI_LENGTH + " characters");
        }
        return jti;
    }

    private static String vpToken(Claims claims) {
        Object vp = claims.raw().get("vp_token");
        if (vp == null || (vp instanceof String s && s.isBlank())) {
            throw OAuthException.of(Reason.VP_MISSING, "client assertion has no 'vp_token'");
        }
        if (!(vp instanceof String s)) {
            throw OAuthException.of(Reason.VP_MALFORMED, "'vp_token' is not a string");
        }
        return s;
    }
}
