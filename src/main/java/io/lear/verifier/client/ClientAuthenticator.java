package io.lear.verifier.client;

import io.lear.verifier.credential.CredentialVerifier;
import io.lear.verifier.credential.MachineCredential;
import io.lear.verifier.credential.PresentationVerifier;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates a machine from its client assertion, in this order:
 * <ol>
 *   <li>the assertion: signature by the client's did:key, audience, time, jti present;</li>
 *   <li>single use of the jti, recorded only once the assertion itself is proven;</li>
 *   <li>the VP: signed by the same key, naming the client as holder;</li>
 *   <li>the LEARCredentialMachine: issuer, chain, trust, validity, bound to the client.</li>
 * </ol>
 */
public final class ClientAuthenticator {
    private final ClientAssertionVerifier assertions;
    private final ReplayGuard replay;
    private final PresentationVerifier presentations;
    private final CredentialVerifier credentials;
    private final Duration skew;

    public ClientAuthenticator(ClientAssertionVerifier assertions, ReplayGuard replay,
            PresentationVerifier presentations, CredentialVerifier credentials, Duration skew) {
        this.assertions = assertions;
        this.replay = replay;
        this.presentations = presentations;
        this.credentials = credentials;
        this.skew = skew;
    }

    public AuthenticatedClient authenticate(String clientAssertion, Optional<String> clientId) {
        VerifiedAssertion assertion = assertions.verify(clientAssertion, clientId);
        if (!replay.firstUse(assertion.client().did(), assertion.jti(), assertion.expiresAt().plus(skew))) {
            throw OAuthException.of(Reason.ASSERTION_REPLAYED, "client assertion 'jti' was already used");
        }
        List<String> vcs = presentations.verify(assertion.vpToken(), assertion.client());
        MachineCredential credential = credentials.verify(vcs, assertion.client());
        return new AuthenticatedClient(assertion.client(), credential);
    }
}
