package io.lear.verifier;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The JAX-RS application at the context root; the sample API is secured by MicroProfile JWT. A CDI bean, because
 * some runtimes (Payara) enable MicroProfile JWT only when CDI discovers the {@code @LoginConfig} class.
 */
@ApplicationScoped
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({VerifierApplication.ONBOARDING_ROLE})
public class VerifierApplication extends Application {
    /** The power group the sample onboarding resource requires. */
    public static final String ONBOARDING_ROLE = "DOME/Onboarding/Execute";
}
