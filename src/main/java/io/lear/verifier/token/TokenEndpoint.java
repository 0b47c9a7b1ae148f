package io.lear.verifier.token;

import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.error.ErrorResponses;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.http.RequestIdFilter;
import io.lear.verifier.jose.JsonText;
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
import java.util.Map;

/** {@code POST /oidc/token}: the client_credentials grant with a VP-carrying client assertion. */
@Path(VerifierConfig.TOKEN_PATH)
public class TokenEndpoint {
    @Inject
    TokenService tokens;

    @Inject
    TokenAudit audit;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@Context HttpHeaders headers, @Context HttpServletRequest http, InputStream body) {
        long started = System.nanoTime();
        String requestId = (String) http.getAttribute(RequestIdFilter.ATTRIBUTE);
        try {
            TokenRequest request = TokenRequest.from(
                    headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
                    readBounded(body),
                    headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null);
            TokenService.Grant grant = tokens.grant(request);
            audit.granted(requestId, grant, started);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("access_token", grant.token().accessToken());
            json.put("token_type", "Bearer");
            json.put("expires_in", grant.token().expiresIn());
            json.put("scope", grant.token().scope());
            return Response.ok(JsonText.write(json), MediaType.APPLICATION_JSON_TYPE)
                    .cacheControl(ErrorResponses.noStore())
                    .header("Pragma", "no-cache")
                    .build();
        } catch (OAuthException e) {
            audit.refused(requestId, e, started);
            return ErrorResponses.toResponse(e);
        } catch (RuntimeException e) {
            // A bug, not a refusal: audited and counted like any decision, answered without internals.
            audit.failed(requestId, e, started);
            return ErrorResponses.toResponse(OAuthException.of(Reason.SERVER_ERROR, "internal server error"));
        }
    }

    private static byte[] readBounded(InputStream in) {
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
