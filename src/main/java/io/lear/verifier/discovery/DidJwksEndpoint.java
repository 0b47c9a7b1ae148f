package io.lear.verifier.discovery;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.JsonText;
import io.lear.verifier.keys.DidKey;
import io.lear.verifier.keys.DidKeyResolver;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * {@code GET /oidc/did/{did}}: the JWK Set of a did:key, with the DID as {@code kid} — the
 * {@code jwkSetUrl} DOME client registrations point at.
 */
@Path("/oidc/did/{did}")
public class DidJwksEndpoint {
    @Inject
    DidKeyResolver dids;

    @GET
    public Response jwks(@PathParam("did") String did) {
        DidKey key;
        try {
            key = dids.resolve(did);
        } catch (IllegalArgumentException e) {
            throw OAuthException.of(Reason.NOT_FOUND, "not a supported did:key");
        }
        try {
            Map<String, Object> jwk = new LinkedHashMap<>(PublicJsonWebKey.Factory.newPublicJwk(key.publicKey())
                    .toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            jwk.put("kid", key.did());
            jwk.put("use", "sig");
            jwk.put("alg", key.type().jwsAlgorithm());
            return Response.ok(JsonText.write(Map.of("keys", List.of(jwk))), JwksEndpoint.JWK_SET_JSON)
                    .build();
        } catch (JoseException e) {
            throw OAuthException.of(Reason.NOT_FOUND, "not a supported did:key");
        }
    }
}
