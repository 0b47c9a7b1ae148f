package it.io.lear.verifier.extension;

import io.lear.verifier.credential.CredentialValidator;
import io.lear.verifier.credential.MachineCredential;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.keys.DidKey;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.Optional;

/**
 * An operator's policy as the README's "Extending the checks" shows it: a CDI decorator packaged with the WAR that
 * refuses one mandator after every built-in check passed. {@code @Priority} enables it without touching beans.xml.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class RefuseMandatorDecorator implements CredentialValidator {
    public static final String REFUSED_MANDATOR = "VATES-R0000000R";

    @Inject
    @Delegate
    CredentialValidator checks;

    @Override
    public MachineCredential verify(List<String> credentials, DidKey holder, Optional<String> tenant) {
        MachineCredential vc = checks.verify(credentials, holder, tenant);
        if (REFUSED_MANDATOR.equals(vc.mandator().organizationIdentifier())) {
            throw OAuthException.of(Reason.VC_MANDATOR_UNTRUSTED, "this deployment does not serve the mandator");
        }
        return vc;
    }
}
