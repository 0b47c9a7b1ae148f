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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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
    private final Function<Answer, Object> render;

    @Inject
    public TokenResource(TokenService tokens, TokenAudit audit) {
        this(tokens, audit, TokenResource::response);
    }

    /** With the answers rendered otherwise (tests see them as they are). */
    TokenResource(TokenService tokens, TokenAudit audit, Function<Answer, Object> render) {
        this.tokens = tokens;
        this.audit = audit;
        this.render = render;
    }

    /**
     * For the CDI client proxy only (it never answers a request itself). Public because RESTEasy (WildFly) refuses
     * a resource class without a public constructor it could call (RESTEASY003190), even when CDI creates the
     * instance through the injecting constructor.
     */
    public TokenResource() {
        tokens = null;
        audit = null;
        render = null;
    }

    /** One request's answer: the token response's JSON or the refusal, and whether its connection is closed. */
    record Answer(String json, OAuthException refusal, boolean close) {
        Answer closing() {
            return new Answer(json, refusal, true);
        }
    }

    /**
     * Decided synchronously: a body still on its way was collected, without a thread waiting for it, by
     * {@link TokenBodyFilter} before this runs again, so the body is all there — or the filter says why it could not
     * be had. A body refused for its size, lateness or a broken connection is answered with {@code Connection:
     * close}: the rest of it may still come.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@Context HttpHeaders headers, @Context HttpServletRequest http, InputStream entity) {
        return (Response) answer(headers, http, entity);
    }

    /** {@link #token} before rendering to JAX-RS (tests call it with their own renderer). */
    Object answer(HttpHeaders headers, HttpServletRequest http, InputStream entity) {
        String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        boolean hasAuthorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        List<String> tenants =
                Optional.ofNullable(headers.getRequestHeader("X-Tenant")).orElse(List.of());
        List<String> dpop =
                Optional.ofNullable(headers.getRequestHeader("DPoP")).orElse(List.of());
        String requestId = (String) http.getAttribute(RequestIdFilter.ATTRIBUTE);
        Function<InputStream, Answer> decideOn = body -> {
            try {
                return new Answer(decide(contentType, hasAuthorization, tenants, dpop, body, requestId), null, false);
            } catch (OAuthException e) {
                return new Answer(null, e, false);
            }
        };
        Object collected = http.getAttribute(TokenBodyFilter.ATTRIBUTE);
        if (collected instanceof TokenBodyFilter.Collected c && c.refusal() != null) {
            return render.apply(
                    decideOn.apply(refusing(c.refusal(), c.description())).closing());
        } else if (collected instanceof TokenBodyFilter.Collected c) {
            Answer a = decideOn.apply(new ByteArrayInputStream(c.body()));
            return render.apply(c.body().length > TokenRequest.MAX_BODY_BYTES ? a.closing() : a);
        } else if (http.getContentLengthLong() > TokenRequest.MAX_BODY_BYTES) {
            return render.apply(decideOn.apply(refusing(Reason.REQUEST_TOO_LARGE, tooLarge()))
                    .closing());
        }
        return render.apply(decideOn.apply(entity));
    }

    static String tooLarge() {
        return "request body exceeds " + TokenRequest.MAX_BODY_BYTES + " bytes";
    }

    /** The JAX-RS response: refusals as every resource maps them; a closing answer says so to the container. */
    private static Object response(Answer a) {
        Response r = a.refusal() != null
                ? ErrorResponses.toResponse(a.refusal())
                : ErrorResponses.noStoreJson(200, a.json()).build();
        return a.close()
                ? Response.fromResponse(r).header("Connection", "close").build()
                : r;
    }

    /** A body that cannot be had: reading it refuses the request (inside the decision, so it is audited). */
    private static InputStream refusing(Reason reason, String description) {
        return new InputStream() {
            @Override
            public int read() {
                throw OAuthException.of(reason, description);
            }

            @Override
            public int read(byte[] b, int off, int len) {
                throw OAuthException.of(reason, description);
            }
        };
    }

    /**
     * The decision on one request, audited and counted whatever it is: the token response's JSON, or an
     * {@link OAuthException} — a refusal, or {@code server_error} for a bug, without internals.
     *
     * @param dpop the request's {@code DPoP} header values (profile §17)
     */
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
                throw OAuthException.of(Reason.REQUEST_TOO_LARGE, tooLarge());
            }
            return data;
        } catch (IOException e) {
            throw OAuthException.of(Reason.MALFORMED_REQUEST, TokenBodyFilter.UNREADABLE);
        }
    }
}
