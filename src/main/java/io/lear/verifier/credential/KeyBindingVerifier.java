package io.lear.verifier.credential;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.Claims;
import io.lear.verifier.jose.CompactJws;
import io.lear.verifier.jose.JwsPolicy;
import io.lear.verifier.jose.SdJwt;
import io.lear.verifier.keys.DidKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The optional Key Binding JWT of an SD-JWT credential (profile §16.3, RFC 9901 §4.3): DOME clients prove their key
 * with the client assertion and the VP, so it may be absent; when present it must be {@code typ kb+jwt}, signed by
 * the client key (which the holder binding has already found to be the {@code cnf} key), addressed to this verifier,
 * fresh and over exactly this SD-JWT. {@code nonce} is not checked: M2M has no challenge. Any failure is
 * {@code vc_holder_mismatch}.
 */
final class KeyBindingVerifier {
    static final JwsPolicy POLICY = new JwsPolicy(
            "key binding JWT",
            JwsPolicy.DID_KEY_ALGORITHMS,
            Set.of(),
            Reason.VC_HOLDER_MISMATCH,
            Reason.VC_HOLDER_MISMATCH,
            Reason.VC_HOLDER_MISMATCH,
            Reason.VC_HOLDER_MISMATCH);

    private final Set<String> audiences;
    private final Clock clock;
    private final Duration skew;

    KeyBindingVerifier(Set<String> audiences, Clock clock, Duration skew) {
        this.audiences = Set.copyOf(audiences);
        this.clock = clock;
        this.skew = skew;
    }

    void verify(SdJwt sdJwt, DidKey holder) {
        if (sdJwt.keyBindingJwt().isEmpty()) {
            return;
        }
        CompactJws kb = CompactJws.parse(
                sdJwt.keyBindingJwt().get(), Reason.VC_HOLDER_MISMATCH, "key binding JWT", CompactJws.MAX_VC_CHARS);
        if (!kb.header().string("typ").orElse("").equals("kb+jwt")) {
            throw refused("'typ' is not kb+jwt");
        }
        POLICY.verify(kb, holder.publicKey(), holder.type().jwsAlgorithm(), "the client's key (the cnf key)");
        Claims claims = kb.payload();
        if (claims.stringOrList("aud").stream().noneMatch(audiences::contains)) {
            throw refused("'aud' does not name this verifier");
        }
        Optional<Instant> iat = claims.numericDate("iat");
        if (iat.isEmpty() || Duration.between(iat.get(), clock.instant()).abs().compareTo(skew) > 0) {
            throw refused("'iat' is missing or not within the clock skew of now");
        }
        if (!claims.string("sd_hash").orElse("").equals(sdJwt.sdHash())) {
            throw refused("'sd_hash' is not the digest of this SD-JWT");
        }
    }

    private static OAuthException refused(String problem) {
        return OAuthException.of(Reason.VC_HOLDER_MISMATCH, "key binding JWT " + problem);
    }
}
