package io.lear.verifier.dpop;

import java.security.PublicKey;
import java.util.Map;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * RFC 7638 JWK SHA-256 thumbprints, base64url: the value of {@code cnf.jkt} (RFC 9449 §6.1) and how a DPoP proof's
 * {@code jwk} is compared with the key a client's did:key decodes to — two encodings of one key have one thumbprint.
 */
public final class Thumbprint {
    private Thumbprint() {}

    /** The thumbprint of a public key (a did:key's P-256 or Ed25519 key). */
    public static String of(PublicKey key) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(key).calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (JoseException e) {
            throw new IllegalStateException("no JWK form for a " + key.getAlgorithm() + " key", e);
        }
    }

    /** The thumbprint of a public JWK given as JSON members; {@link IllegalArgumentException} when it is none. */
    public static String of(Map<String, Object> jwk) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(jwk).calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (JoseException | RuntimeException e) {
            throw new IllegalArgumentException("not a public JWK");
        }
    }
}
