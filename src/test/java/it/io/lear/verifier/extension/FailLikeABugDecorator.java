package it.io.lear.verifier.extension;

import io.lear.verifier.credential.CredentialValidator;
import io.lear.verifier.credential.MachineCredential;
import io.lear.verifier.keys.DidKey;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.Optional;

/**
 * A deliberately failing check for the token endpoint's unexpected-failure path: for one mandator it throws the way
 * a bug would, with a message that quotes something token-like, which must reach neither the client nor a log file.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION + 10)
public abstract class FailLikeABugDecorator implements CredentialValidator {
    public static final String FAILING_MANDATOR = "VATES-F0000000F";
    public static final String INTERNALS = "bug-internal-detail eyJhbGciOiJub25lIn0.eyJzdWIiOiJidWcifQ";

    @Inject
    @Delegate
    CredentialValidator checks;

    @Override
    public MachineCredential verify(List<String> credentials, DidKey holder, Optional<String> tenant) {
        MachineCredential vc = checks.verify(credentials, holder, tenant);
        if (FAILING_MANDATOR.equals(vc.mandator().organizationIdentifier())) {
            throw new IllegalStateException(INTERNALS);
        }
        return vc;
    }
}
