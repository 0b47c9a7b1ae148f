package io.lear.verifier.token;

import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.error.ErrorResponses;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.http.RequestIdFilter;
import io.lear.verifier.jose.JsonText;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /oidc/token}: the client_credentials grant with a VP-carrying client assertion. A plain servlet rather
 * than a JAX-RS resource: the token endpoint is the hot path, and it needs nothing of JAX-RS but costs its dispatch
 * and per-request REST metrics (bench/README.md). Its exact mapping takes precedence over the JAX-RS application's.
 */
@WebServlet(urlPatterns = VerifierConfig.TOKEN_PATH)
public class TokenServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient TokenService tokens;

    @Inject
    transient TokenAudit audit;

    @Override
    protected void service(HttpServletRequest http, HttpServletResponse response) throws IOException {
        if (!"POST".equals(http.getMethod())) {
            response.setHeader("Allow", "POST");
            write(response, OAuthException.of(Reason.METHOD_NOT_ALLOWED, "HTTP method not allowed on this endpoint"));
            return;
        }
        long started = System.nanoTime();
        String requestId = (String) http.getAttribute(RequestIdFilter.ATTRIBUTE);
        try {
            TokenRequest request = TokenRequest.from(
                    http.getContentType(),
                    readBounded(http.getInputStream()),
                    http.getHeader("Authorization") != null,
                    java.util.Collections.list(http.getHeaders("X-Tenant")));
            TokenService.Grant grant = tokens.grant(request);
            audit.granted(requestId, grant, started);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("access_token", grant.token().accessToken());
            json.put("token_type", "Bearer");
            json.put("expires_in", grant.token().expiresIn());
            json.put("scope", grant.token().scope());
            write(response, 200, JsonText.write(json));
        } catch (OAuthException e) {
            audit.refused(requestId, e, started);
            write(response, e);
        } catch (RuntimeException e) {
            // A bug, not a refusal: audited and counted like any decision, answered without internals.
            audit.failed(requestId, e, started);
            write(response, OAuthException.of(Reason.SERVER_ERROR, "internal server error"));
        }
    }

    private static void write(HttpServletResponse response, OAuthException e) throws IOException {
        if (e.retryAfterSeconds() != null) {
            response.setHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        write(response, e.status(), ErrorResponses.json(e));
    }

    /** RFC 6749 §5.1: JSON, never cached. */
    private static void write(HttpServletResponse response, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
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
