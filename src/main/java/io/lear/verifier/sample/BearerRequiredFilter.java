package io.lear.verifier.sample;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * 401 with a Bearer challenge (RFC 6750 §3) for a request without an authenticated caller, before any role check.
 * Portable where web.xml is not: Payara refuses a security-constraint next to {@code @LoginConfig} and then lets
 * anonymous requests in, and WildFly's role check alone answers an anonymous caller 403. An invalid token never gets
 * here: every MP-JWT runtime refuses it with 401 first. A token bound to a DPoP key ({@code cnf}) that MP-JWT accepted
 * from a {@code Bearer} header is refused here too; with the DPoP scheme {@link DpopFilter} authenticated the caller.
 */
@Provider
@BearerRequired
@Priority(Priorities.AUTHENTICATION)
public class BearerRequiredFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext() == null || request.getSecurityContext().getUserPrincipal() == null) {
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .build());
            return;
        }
        // Authenticated by MP-JWT from a Bearer header: a DPoP-bound token is worth nothing without its proof
        // (profile §17, RFC 9449 §7.2), so a thief holding the token alone gets 401.
        if (request.getProperty(DpopFilter.CLAIMS) == null) {
            try {
                DpopResourceCheck.refuseBoundBearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
            } catch (DpopResourceCheck.Refused e) {
                request.abortWith(DpopFilter.challenge(e.error()));
            }
        }
    }
}
