package io.lear.verifier.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Writes every protocol refusal as JSON with {@code Cache-Control: no-store}. */
@Provider
public class OAuthExceptionMapper implements ExceptionMapper<OAuthException> {
    @Override
    public Response toResponse(OAuthException e) {
        return ErrorResponses.toResponse(e);
    }
}
