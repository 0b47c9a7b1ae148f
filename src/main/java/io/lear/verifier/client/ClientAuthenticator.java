package io.lear.verifier.client;

import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.credential.CredentialValidator;
import io.lear.verifier.credential.CredentialVerifier;
import io.lear.verifier.credential.MachineCredential;
import io.lear.verifier.credential.PresentationValidator;
import io.lear.verifier.credential.PresentationVerifier;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.keys.DidKey;
import io.lear.verifier.keys.DidKeyResolver;
import io.lear.verifier.trust.TrustSetup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Authenticates a machine from its client assertion, in this order:
 * <ol>
 *   <li>the assertion: signature by the client's did:key, audience, time, jti present;</li>
 *   <li>the VP: signed by the same key, naming the client as holder;</li>
 *   <li>the machine credential (any accepted lineage): issuer, chain, trust, validity, bound to the client, the
 *       {@code X-Tenant} among its power domains.</li>
 * </ol>
 * Nothing is stored here: the jti is claimed by the grant once every check has passed (profile
 * §11), so a refused request leaves no state behind. Refusals after the assertion signature is
 * proven name the client, for the audit line. The three validators are CDI beans injected here, so a decorator an
 * operator packages with the WAR runs on every token request.
 */
@ApplicationScoped
public class ClientAuthenticator {
    private final ClientAssertionValidator assertions;
    private final PresentationValidator presentations;
    private final CredentialValidator credentials;
    private final Duration skew;

    @Inject
    public ClientAuthenticator(
            ClientAssertionValidator assertions,
            PresentationValidator presentations,
            CredentialValidator credentials,
            VerifierConfig config) {
        this.assertions = assertions;
        this.presentations = presentations;
        this.credentials = credentials;
        this.skew = config.clockSkew();
    }

    /** For the CDI client proxy only (it never authenticates anything itself). */
    protected ClientAuthenticator() {
        assertions = null;
        presentations = null;
        credentials = null;
        skew = null;
    }

    /** The production wiring, which the unit tests reuse with their own clock and configuration. */
    public static ClientAuthenticator wire(VerifierConfig config, Clock clock, DidKeyResolver dids, TrustSetup trust) {
        return new ClientAuthenticator(
                new ClientAssertionVerifier(config, clock, dids),
                new PresentationVerifier(config, clock),
                new CredentialVerifier(
                        config,
                        clock,
                        trust.issuerSignatures(),
                        trust.trustedIssuers(),
                        trust.participants(),
                        trust.statusLists()),
                config);
    }

    public AuthenticatedClient authenticate(String clientAssertion, Optional<String> clientId) {
        return authenticate(clientAssertion, clientId, Optional.empty());
    }

    /** @param tenant the {@code X-Tenant} header, syntax-checked and lower case (profile §16.4) */
    public AuthenticatedClient authenticate(
            String clientAssertion, Optional<String> clientId, Optional<String> tenant) {
        return authenticate(clientAssertion, clientId, tenant, client -> {});
    }

    /**
     * @param proofOfPossession runs once the assertion's signature proved the client's did:key, before the VP: the
     *     DPoP proof check of profile §17 (a refusal there is attributed to the client like any later one)
     */
    public AuthenticatedClient authenticate(
            String clientAssertion,
            Optional<String> clientId,
            Optional<String> tenant,
            Consumer<DidKey> proofOfPossession) {
        VerifiedAssertion assertion = assertions.verify(clientAssertion, clientId);
        try {
            proofOfPossession.accept(assertion.client());
            List<String> vcs = presentations.verify(assertion.vpToken(), assertion.client());
            MachineCredential credential = credentials.verify(vcs, assertion.client(), tenant);
            return new AuthenticatedClient(
                    assertion.client(),
                    credential,
                    assertion.jti(),
                    assertion.expiresAt().plus(skew));
        } catch (OAuthException e) {
            throw e.forClient(assertion.client().did());
        }
    }
}
