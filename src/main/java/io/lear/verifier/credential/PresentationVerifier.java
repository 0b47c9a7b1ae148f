package io.lear.verifier.credential;

import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.Claims;
import io.lear.verifier.jose.CompactJws;
import io.lear.verifier.jose.JwsPolicy;
import io.lear.verifier.jose.TimeWindow;
import io.lear.verifier.keys.DidKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies the Verifiable Presentation carried in {@code vp_token} (profile §5): signed by the
 * client's own key, naming the client as holder, within its time window and audience, holding
 * 1 to 10 JWT credentials.
 */
@ApplicationScoped
public class PresentationVerifier implements PresentationValidator {
    static final int MAX_CREDENTIALS = 10;

    private final Clock clock;
    private final Duration skew;
    private final Set<String> audiences;

    @Inject
    public PresentationVerifier(VerifierConfig config, Clock clock) {
        this.clock = clock;
        this.skew = config.clockSkew();
        this.audiences = Set.of(config.issuer(), config.issuer() + "/", config.tokenEndpoint());
    }

    /** @return the credential JWTs of the presentation, not yet verified */
    /** For the CDI client proxy only (it never verifies anything itself). */
    protected PresentationVerifier() {
        clock = null;
        skew = null;
        audiences = null;
    }

    @Override
    public List<String> verify(String vpToken, DidKey client) {
        CompactJws vp = CompactJws.parse(decode(vpToken), Reason.VP_MALFORMED, "VP", CompactJws.MAX_VP_CHARS);
        checkHolder(vp, client);
        JwsPolicy.PRESENTATION.verify(vp, client.publicKey(), client.type().jwsAlgorithm(), "the client's did:key");
        checkTimes(vp.payload());
        checkAudience(vp.payload());
        return credentials(vp.payload());
    }

    /** The longest {@code vp_token}: the largest VP in padded Base64. */
    static final int MAX_VP_TOKEN_CHARS = 4 * ((CompactJws.MAX_VP_CHARS + 2) / 3);

    /**
     * {@code vp_token} as DOME clients send it (standard Base64, padded or not), base64url, or the
     * raw compact JWS. A compact JWS is the only form with dots; Base64 never has them.
     */
    static String decode(String vpToken) {
        String t = vpToken.trim();
        if (t.length() > MAX_VP_TOKEN_CHARS) {
            throw OAuthException.of(Reason.VP_MALFORMED, "'vp_token' is too large");
        }
        if (t.contains(".")) {
            return t;
        }
        byte[] bytes;
        try {
            // Standard Base64 and base64url differ in two letters only; the decoder takes padding or none.
            bytes = Base64.getUrlDecoder().decode(t.replace('+', '-').replace('/', '_'));
        } catch (IllegalArgumentException e) {
            throw OAuthException.of(Reason.VP_MALFORMED, "'vp_token' is neither Base64 nor a compact JWS");
        }
        String decoded = new String(bytes, StandardCharsets.US_ASCII);
        if (!decoded.contains(".")) {
            throw OAuthException.of(Reason.VP_MALFORMED, "'vp_token' does not decode to a compact JWS");
        }
        return decoded;
    }

    private static void checkHolder(CompactJws vp, DidKey client) {
        List<String> named = new ArrayList<>();
        vp.payload().string("iss").ifPresent(named::add);
        Optional<Claims> body = vp.payload().object("vp");
        if (body.isPresent()) {
            Object holder = body.get().raw().get("holder");
            if (holder instanceof String h) {
                named.add(h);
            } else if (holder != null) {
                throw OAuthException.of(Reason.VP_MALFORMED, "VP 'holder' is not a string");
            }
        }
        vp.header().string("kid").ifPresent(kid -> named.add(kid.split("#", 2)[0]));
        if (named.isEmpty()) {
            throw OAuthException.of(Reason.VP_HOLDER_MISMATCH, "VP names no holder ('iss', 'vp.holder' or 'kid')");
        }
        for (String did : named) {
            if (!did.equals(client.did())) {
                throw OAuthException.of(Reason.VP_HOLDER_MISMATCH, "VP holder is not the authenticated client");
            }
        }
    }

    private void checkTimes(Claims claims) {
        Instant now = clock.instant();
        Optional<Instant> exp = numericDate(claims, "exp");
        if (exp.isPresent() && TimeWindow.ended(exp.get(), now, skew)) {
            throw OAuthException.of(Reason.VP_EXPIRED, "VP expired");
        }
        for (String claim : List.of("nbf", "iat")) {
            Optional<Instant> t = numericDate(claims, claim);
            if (t.isPresent() && TimeWindow.notYetStarted(t.get(), now, skew)) {
                throw OAuthException.of(Reason.VP_NOT_YET_VALID, "VP '" + claim + "' is in the future");
            }
        }
    }

    private static Optional<Instant> numericDate(Claims claims, String name) {
        return claims.numericDate(name);
    }

    private void checkAudience(Claims claims) {
        if (!claims.has("aud")) {
            return;
        }
        if (claims.stringOrList("aud").stream().noneMatch(audiences::contains)) {
            throw OAuthException.of(Reason.VP_AUDIENCE_INVALID, "VP 'aud' does not name this verifier");
        }
    }

    private static List<String> credentials(Claims claims) {
        Claims body =
                claims.object("vp").orElseThrow(() -> OAuthException.of(Reason.VP_MALFORMED, "VP has no 'vp' object"));
        List<String> types = body.stringOrList("type");
        if (!types.contains("VerifiablePresentation")) {
            throw OAuthException.of(Reason.VP_MALFORMED, "VP 'type' does not contain VerifiablePresentation");
        }
        Object vcs = body.raw().get("verifiableCredential");
        if (!(vcs instanceof List<?> list) || list.isEmpty()) {
            throw OAuthException.of(Reason.VP_MALFORMED, "VP 'verifiableCredential' is not a non-empty array");
        }
        if (list.size() > MAX_CREDENTIALS) {
            throw OAuthException.of(Reason.VP_MALFORMED, "VP holds more than " + MAX_CREDENTIALS + " credentials");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw OAuthException.of(Reason.VP_MALFORMED, "VP 'verifiableCredential' holds a non-string element");
            }
            out.add(s);
        }
        return out;
    }
}
