package io.lear.verifier.error;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import io.lear.verifier.credential.JsonText;

/** Renders an {@link OAuthException} as the RFC 6749 §5.2 JSON body with {@code reason}. */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static Map<String, Object> body(OAuthException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error().code());
        body.put("error_description", e.description());
        body.put("reason", e.reason().code());
        return body;
    }

    public static Response toResponse(OAuthException e) {
        Response.ResponseBuilder rb = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(noStore())
                .header("Pragma", "no-cache")
                .entity(JsonText.write(body(e)));
        if (e.retryAfterSeconds() != null) {
            rb.header("Retry-After", e.retryAfterSeconds());
        }
        return rb.build();
    }

    public static CacheControl noStore() {
        CacheControl cc = new CacheControl();
        cc.setNoStore(true);
        cc.setNoTransform(false);
        return cc;
    }
}
