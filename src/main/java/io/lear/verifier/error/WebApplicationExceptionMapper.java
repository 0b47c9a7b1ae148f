package io.lear.verifier.error;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns JAX-RS routing failures (wrong method, media type, unknown path) into the same JSON error
 * shape, so no endpoint answers with the container's HTML page.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    private static final Logger LOG = Logger.getLogger(WebApplicationExceptionMapper.class.getName());

    @Override
    public Response toResponse(WebApplicationException e) {
        if (e instanceof NotAllowedException) {
            Response r = ErrorResponses.toResponse(
                    OAuthException.of(Reason.METHOD_NOT_ALLOWED, "HTTP method not allowed on this endpoint"));
            String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
            return allow == null
                    ? r
                    : Response.fromResponse(r).header(HttpHeaders.ALLOW, allow).build();
        }
        if (e instanceof NotSupportedException) {
            return ErrorResponses.toResponse(
                    OAuthException.of(Reason.UNSUPPORTED_MEDIA_TYPE, "unsupported content type"));
        }
        if (e instanceof NotFoundException) {
            return ErrorResponses.toResponse(OAuthException.of(Reason.NOT_FOUND, "no such resource"));
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status == 401 || status == 403) {
            // Authentication and authorization answers of the sample API keep their status and challenge.
            String challenge = e.getResponse().getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
            Response.ResponseBuilder answer = Response.status(status);
            return (challenge == null ? answer : answer.header(HttpHeaders.WWW_AUTHENTICATE, challenge)).build();
        }
        if (status >= 500) {
            LOG.log(Level.WARNING, "request failed: {0}", e.getClass().getName());
            return ErrorResponses.toResponse(OAuthException.of(Reason.SERVER_ERROR, "internal server error"));
        }
        return ErrorResponses.toResponse(OAuthException.of(Reason.MALFORMED_REQUEST, "malformed request"));
    }
}
