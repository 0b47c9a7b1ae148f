package io.lear.verifier.token;

import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.error.ErrorResponses;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.http.RequestIdFilter;
import io.lear.verifier.jose.JsonText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /oidc/token}: the client_credentials grant with a VP-carrying client assertion (profile §3). A JAX-RS
 * resource with the grant injected, whose checks are CDI beans; refusals are thrown to the one error mapping every
 * resource uses ({@code OAuthExceptionMapper}), after the audit line. Other methods get the JSON 405 of every
 * resource. One instance serves every request.
 */
@ApplicationScoped
@Path(VerifierConfig.TOKEN_PATH)
public class TokenResource {
    private final TokenService tokens;
    private final TokenAudit audit;

    @Inject
    public TokenResource(TokenService tokens, TokenAudit audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    /** For the CDI client proxy only (it never answers a request itself). */
    protected TokenResource() {
        tokens = null;
        audit = null;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@Context HttpHeaders headers, @Context HttpServletRequest http, InputStream body) {
        String json = decide(
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
                headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null,
                Optional.ofNullable(headers.getRequestHeader("X-Tenant")).orElse(List.of()),
                Optional.ofNullable(headers.getRequestHeader("DPoP")).orElse(List.of()),
                body,
                (String) http.getAttribute(RequestIdFilter.ATTRIBUTE));
        return ErrorResponses.noStoreJson(200, json).build();
    }

    /**
     * The decision on one request, audited and counted whatever it is: the token response's JSON, or an
     * {@link OAuthException} — a refusal, or {@code server_error} for a bug, without internals.
     */
    String decide(
            String contentType, boolean hasAuthorization, List<String> tenants, InputStream body, String requestId) {
        return decide(contentType, hasAuthorization, tenants, List.of(), body, requestId);
    }

    /** @param dpop the request's {@code DPoP} header values (profile §17) */
    String decide(
            String contentType,
            boolean hasAuthorization,
            List<String> tenants,
            List<String> dpop,
            InputStream body,
            String requestId) {
        long started = System.nanoTime();
        try {
            TokenService.Grant grant =
                    tokens.grant(TokenRequest.from(contentType, readBounded(body), hasAuthorization, tenants, dpop));
            audit.granted(requestId, grant, started);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("access_token", grant.token().accessToken());
            json.put("token_type", grant.tokenType());
            json.put("expires_in", grant.token().expiresIn());
            json.put("scope", grant.token().scope());
            return JsonText.write(json);
        } catch (OAuthException e) {
            audit.refused(requestId, e, started);
            throw e;
        } catch (RuntimeException e) {
            // A bug, not a refusal: audited and counted like any decision, answered without internals.
            audit.failed(requestId, e, started);
            throw OAuthException.of(Reason.SERVER_ERROR, "internal server error");
        }
    }

    static byte[] readBounded(InputStream in) {
        try {
            byte[] data = in.readNBytes(TokenRequest.MAX_BODY_BYTES + 1);
            if (data.length > TokenRequest.MAX_BODY_BYTES) {
                throw OAuthException.of(
                        Reason.REQUEST_TOO_LARGE, "request body exceeds " + TokenRequest.MAX_BODY_BYTES + " bytes");
            }
            return data;
        } catch (IOException e) {
            throw OAuthException.of(Reason.MALFORMED_REQUEST, "request body could not be read");
        }
    }
}
