package io.lear.verifier.discovery;

import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.jose.JsonText;
import io.lear.verifier.jose.JwsPolicy;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 8414 authorization server metadata, also served at the OpenID path for clients that look
 * there. Every URL comes from {@code verifier.issuer}, never from request headers.
 */
@Path("/.well-known")
public class MetadataEndpoint {
    @Inject
    VerifierConfig config;

    @GET
    @Path("oauth-authorization-server")
    public Response oauth() {
        return metadata();
    }

    @GET
    @Path("openid-configuration")
    public Response openid() {
        return metadata();
    }

    private Response metadata() {
        return Response.ok(JsonText.write(document(config)), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    public static Map<String, Object> document(VerifierConfig config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", config.issuer());
        m.put("token_endpoint", config.tokenEndpoint());
        m.put("jwks_uri", config.jwksUri());
        m.put("grant_types_supported", List.of("client_credentials"));
        m.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        // What the assertion policy accepts, so the document cannot drift from the check.
        m.put(
                "token_endpoint_auth_signing_alg_values_supported",
                JwsPolicy.CLIENT_ASSERTION.algorithms().stream().sorted().toList());
        m.put("scopes_supported", new ArrayList<>(config.tokenScopes()));
        // RFC 9449 §5.1, from the proof policy itself (profile §17).
        m.put(
                "dpop_signing_alg_values_supported",
                JwsPolicy.DPOP_PROOF.algorithms().stream().sorted().toList());
        m.put("response_types_supported", List.of());
        return m;
    }
}
