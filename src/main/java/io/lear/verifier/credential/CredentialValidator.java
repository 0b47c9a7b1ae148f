package io.lear.verifier.credential;

import io.lear.verifier.keys.DidKey;
import java.util.List;
import java.util.Optional;

/**
 * The machine-credential check of the token path (profile §6, §7), as CDI injects it: decoratable, so that an
 * operator adds a policy (refuse a mandator, require a power) without forking the verifier (README, "Extending the
 * checks").
 */
public interface CredentialValidator {
    /**
     * The one machine credential among {@code credentials}, verified for {@code holder} (and, when the client sent
     * {@code X-Tenant}, for that {@code tenant}, lower case), or an {@code OAuthException}.
     */
    MachineCredential verify(List<String> credentials, DidKey holder, Optional<String> tenant);
}
