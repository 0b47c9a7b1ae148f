package io.lear.verifier.sample;

import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.dpop.DpopProofVerifier;
import io.lear.verifier.keys.SigningKeys;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Authorization: DPoP <token>} at the sample API (profile §17, RFC 9449 §7). MicroProfile JWT reads only
 * {@code Bearer} and every runtime (Liberty's trust association interceptor, Payara's and WildFly's authentication
 * mechanisms) authenticates before any application code, so no filter can hand it the token portably: for this one
 * scheme the filter checks the token as the MP-JWT configuration does, and the proof ({@link DpopResourceCheck}),
 * then installs the caller as the JAX-RS security context — what {@link BearerRequiredFilter} and the resource's role
 * check read. Any refusal is 401 with a {@code DPoP} challenge. Only the sample API's paths are looked at.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class DpopFilter implements ContainerRequestFilter {
    /** The request property (a servlet request attribute) holding a DPoP-verified caller's claims. */
    public static final String CLAIMS = "io.lear.verifier.sample.dpop-claims";

    private volatile DpopResourceCheck check;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(false);
        if (!stripSlash(path).startsWith("api/sample/")) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<String> token = DpopResourceCheck.dpopToken(authorization);
        if (token.isEmpty()) {
            return;
        }
        try {
            Map<String, Object> claims = check().verify(
                            token.get(),
                            Optional.ofNullable(request.getHeaders().get("DPoP"))
                                    .orElse(List.of()),
                            request.getMethod(),
                            path);
            request.setProperty(CLAIMS, claims);
            request.setSecurityContext(new DpopCaller(claims, request.getSecurityContext()));
        } catch (DpopResourceCheck.Refused e) {
            request.abortWith(challenge(e.error()));
        }
    }

    static Response challenge(String error) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "DPoP error=\"" + error + "\", algs=\"ES256 EdDSA\"")
                .build();
    }

    private DpopResourceCheck check() {
        DpopResourceCheck c = check;
        if (c == null) {
            // Looked up, not injected: whether a runtime builds providers through CDI differs between servers.
            VerifierConfig config = CDI.current().select(VerifierConfig.class).get();
            Clock clock = CDI.current().select(Clock.class).get();
            SigningKeys keys = CDI.current().select(SigningKeys.class).get();
            c = DpopResourceCheck.of(
                    new SampleTokens(config, keys, clock),
                    new DpopProofVerifier(clock, config.clockSkew(), config.dpopMaxAge()),
                    clock,
                    config.issuer());
            check = c;
        }
        return c;
    }

    private static String stripSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /** The DPoP-verified caller: named by {@code upn} (else {@code sub}), in the roles of its {@code groups}. */
    static final class DpopCaller implements SecurityContext {
        private final Map<String, Object> claims;
        private final boolean secure;

        DpopCaller(Map<String, Object> claims, SecurityContext original) {
            this.claims = claims;
            this.secure = original != null && original.isSecure();
        }

        @Override
        public Principal getUserPrincipal() {
            Object name = claims.getOrDefault("upn", claims.get("sub"));
            return () -> String.valueOf(name);
        }

        @Override
        public boolean isUserInRole(String role) {
            return claims.get("groups") instanceof List<?> groups && groups.contains(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "DPoP";
        }
    }
}
