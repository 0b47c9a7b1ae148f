package io.lear.verifier.sample;

import io.lear.verifier.VerifierApplication;
import io.lear.verifier.jose.JsonText;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A resource server in the same WAR, secured by MicroProfile JWT against the verifier's JWKS:
 * both endpoints need a valid access token ({@link BearerRequired}), {@code onboarding} also the power
 * {@code DOME/Onboarding/Execute}. Annotations only: a web.xml security-constraint next to {@code @LoginConfig} is
 * invalid on Payara, which then lets unauthenticated requests in.
 */
@Path("/api/sample")
@BearerRequired
@RequestScoped
public class SampleResource {
    @Inject
    JsonWebToken jwt;

    @Context
    HttpServletRequest http;

    @Context
    SecurityContext security;

    /** A DPoP-bound caller's claims ({@link DpopFilter}), or MP-JWT's token for a Bearer caller. */
    private Object claim(String name) {
        if (http.getAttribute(DpopFilter.CLAIMS) instanceof Map<?, ?> dpop) {
            return dpop.get(name);
        }
        return jwt.getClaim(name);
    }

    private boolean has(String name) {
        return claim(name) != null;
    }

    private List<Object> groups() {
        if (http.getAttribute(DpopFilter.CLAIMS) instanceof Map<?, ?> dpop) {
            return dpop.get("groups") instanceof List<?> g ? new ArrayList<>(g) : List.of();
        }
        return new ArrayList<>(jwt.getGroups());
    }

    private String subject() {
        if (http.getAttribute(DpopFilter.CLAIMS) instanceof Map<?, ?> dpop) {
            return String.valueOf(dpop.get("sub"));
        }
        return jwt.getSubject();
    }

    @GET
    @Path("whoami")
    @Produces(MediaType.APPLICATION_JSON)
    public String whoami() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("client_id", subject());
        out.put("organization_identifier", claim("organization_identifier"));
        out.put("credential_id", claim("credential_id"));
        out.put("credential_type", claim("credential_type"));
        if (has("tenant")) {
            out.put("tenant", claim("tenant"));
        }
        out.put("groups", groups());
        out.put("scope", claim("scope"));
        out.put("token_type", http.getAttribute(DpopFilter.CLAIMS) != null ? "DPoP" : "Bearer");
        return JsonText.write(out);
    }

    /**
     * The role is checked on the JAX-RS security context — the container's for a Bearer caller (MP-JWT maps
     * {@code groups} to roles), {@link DpopFilter}'s for a DPoP caller, whom the container's {@code @RolesAllowed}
     * check would not know.
     */
    @GET
    @Path("onboarding")
    @Produces(MediaType.APPLICATION_JSON)
    public Response onboarding() {
        if (!security.isUserInRole(VerifierApplication.ONBOARDING_ROLE)) {
            return Response.status(Response.Status.FORBIDDEN).build();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("client_id", subject());
        out.put("onboarding", "allowed");
        return Response.ok(JsonText.write(out), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
