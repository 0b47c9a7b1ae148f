package io.lear.verifier.sample;

import io.lear.verifier.VerifierApplication;
import io.lear.verifier.jose.JsonText;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    @GET
    @Path("whoami")
    @Produces(MediaType.APPLICATION_JSON)
    public String whoami() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("client_id", jwt.getSubject());
        out.put("organization_identifier", jwt.getClaim("organization_identifier"));
        out.put("credential_id", jwt.getClaim("credential_id"));
        out.put("credential_type", jwt.getClaim("credential_type"));
        if (jwt.containsClaim("tenant")) {
            out.put("tenant", jwt.getClaim("tenant"));
        }
        out.put("groups", new ArrayList<>(jwt.getGroups()));
        out.put("scope", jwt.getClaim("scope"));
        return JsonText.write(out);
    }

    @GET
    @Path("onboarding")
    @RolesAllowed(VerifierApplication.ONBOARDING_ROLE)
    @Produces(MediaType.APPLICATION_JSON)
    public String onboarding() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("client_id", jwt.getSubject());
        out.put("onboarding", "allowed");
        return JsonText.write(out);
    }
}
