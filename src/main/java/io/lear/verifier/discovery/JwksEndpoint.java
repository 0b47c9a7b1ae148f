package io.lear.verifier.discovery;

import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.keys.SigningKeys;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

/** {@code GET /oidc/jwks}: the public signing keys, active first, no private members. */
@Path(VerifierConfig.JWKS_PATH)
public class JwksEndpoint {
    public static final String JWK_SET_JSON = "application/jwk-set+json";

    @Inject
    SigningKeys keys;

    @GET
    public Response jwks() {
        CacheControl cc = new CacheControl();
        cc.setMaxAge(300);
        cc.setNoTransform(false);
        return Response.ok(keys.publicJwks(), JWK_SET_JSON)
                .cacheControl(publicCache(cc))
                .build();
    }

    private static CacheControl publicCache(CacheControl cc) {
        cc.setPrivate(false);
        cc.getCacheExtension().put("public", null);
        return cc;
    }
}
