package io.lear.verifier.error;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders an {@link OAuthException} as the RFC 6749 §5.2 JSON body with {@code reason}; the token endpoint's no-store answers. */
public final class ErrorResponses {
    /** JSON-P directly: errors sit below the jose layer, and a factory avoids a provider lookup per error. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private ErrorResponses() {}

    public static Map<String, String> body(OAuthException e) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", e.error().code());
        body.put("error_description", e.description());
        body.put("reason", e.reason().code());
        return body;
    }

    /** The body alone. */
    public static String json(OAuthException e) {
        return JSON.createObjectBuilder(new LinkedHashMap<String, Object>(body(e)))
                .build()
                .toString();
    }

    public static Response toResponse(OAuthException e) {
        Response.ResponseBuilder rb = noStoreJson(e.status(), json(e));
        if (e.retryAfterSeconds() != null) {
            rb.header("Retry-After", e.retryAfterSeconds());
        }
        return rb.build();
    }

    /** Every answer of the token endpoint, the token included (RFC 6749 §5.1): JSON, never cached. */
    public static Response.ResponseBuilder noStoreJson(int status, String json) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(noStore())
                .header("Pragma", "no-cache")
                .entity(json);
    }

    public static CacheControl noStore() {
        CacheControl cc = new CacheControl();
        cc.setNoStore(true);
        cc.setNoTransform(false);
        return cc;
    }
}
