package io.lear.verifier.credential;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.Claims;
import io.lear.verifier.jose.CompactJws;
import io.lear.verifier.jose.CredentialJwt;
import io.lear.verifier.jose.SdJwt;
import io.lear.verifier.jose.SdJwtPolicy;

/**
 * One string of {@code vp.verifiableCredential}, parsed but not trusted: a compact JWS (JWT VC) or an SD-JWT
 * (profile §16.3). Either way its issuer-signed JWT is what the issuer rules verify.
 */
sealed interface PresentedCredential {
    /** The JWT the issuer signed. */
    CompactJws issuerJwt();

    /** The JSON whose {@code type} or {@code vct} names the lineage (§16.1). */
    Claims lineageClaims();

    static PresentedCredential parse(String credential) {
        if (SdJwt.isSdJwt(credential)) {
            return new Sd(SdJwt.parse(credential, SdJwtPolicy.CREDENTIAL));
        }
        return new Jws(CompactJws.parse(credential, Reason.VC_MALFORMED, "credential", CompactJws.MAX_VC_CHARS));
    }

    /** The compact JWS a JWT-encoded lineage needs; an SD-JWT sent for such a lineage is malformed. */
    default CompactJws compactJws(String configurationId) {
        if (this instanceof Sd) {
            throw OAuthException.of(
                    Reason.VC_MALFORMED, "a " + configurationId + " credential is a compact JWS, not an SD-JWT");
        }
        return issuerJwt();
    }

    record Jws(CompactJws jws) implements PresentedCredential {
        @Override
        public CompactJws issuerJwt() {
            return jws;
        }

        @Override
        public Claims lineageClaims() {
            return CredentialJwt.credentialJson(jws);
        }
    }

    record Sd(SdJwt sdJwt) implements PresentedCredential {
        @Override
        public CompactJws issuerJwt() {
            return sdJwt.issuerJwt();
        }

        /** The signed payload: a {@code vct} only a disclosure stated would not be the issuer's choice of lineage. */
        @Override
        public Claims lineageClaims() {
            return sdJwt.issuerJwt().payload();
        }
    }
}
