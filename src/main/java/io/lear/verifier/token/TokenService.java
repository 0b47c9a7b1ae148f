package io.lear.verifier.token;

import io.lear.verifier.cache.Admission;
import io.lear.verifier.client.AuthenticatedClient;
import io.lear.verifier.client.ClientAuthenticator;
import io.lear.verifier.client.ReplayGuard;
import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.keys.DidKeyResolver;
import io.lear.verifier.keys.SigningKeys;
import io.lear.verifier.trust.RegisteredClients;
import io.lear.verifier.trust.TrustSetup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The client_credentials grant as one use case, in this order:
 * <ol>
 *   <li>request-level checks that need no authentication (scope syntax and allow-list, resource);</li>
 *   <li>client authentication (assertion, VP, credential, trust, revocation);</li>
 *   <li>the client's registration and scopes, when a registered-clients list is configured;</li>
 *   <li>single use of the assertion's jti — last, so a refused request leaves no state (profile §11);</li>
 *   <li>the token; only now is the client's decoded did:key kept for its next request.</li>
 * </ol>
 * A CDI bean: the composition root produces what it is built from, and the token resource injects it.
 */
@ApplicationScoped
public class TokenService {
    private final VerifierConfig config;
    private final ScopePolicy scopes;
    private final ClientAuthenticator authenticator;
    private final ReplayGuard replay;
    private final AccessTokenIssuer issuer;
    private final Optional<RegisteredClients> clients;
    private final DidKeyResolver dids;

    @Inject
    public TokenService(
            VerifierConfig config,
            ClientAuthenticator authenticator,
            ReplayGuard replay,
            AccessTokenIssuer issuer,
            Optional<RegisteredClients> clients,
            DidKeyResolver dids) {
        this.config = config;
        this.scopes = new ScopePolicy(config.tokenScopes());
        this.authenticator = authenticator;
        this.replay = replay;
        this.issuer = issuer;
        this.clients = clients;
        this.dids = dids;
    }

    /** For the CDI client proxy only (it never grants anything itself). */
    protected TokenService() {
        config = null;
        scopes = null;
        authenticator = null;
        replay = null;
        issuer = null;
        clients = null;
        dids = null;
    }

    /** The production wiring, which the unit tests reuse with their own clock, configuration and replay store. */
    public static TokenService wire(
            VerifierConfig config,
            Clock clock,
            SigningKeys keys,
            DidKeyResolver dids,
            TrustSetup trust,
            ReplayGuard replay) {
        return new TokenService(
                config,
                ClientAuthenticator.wire(config, clock, dids, trust),
                replay,
                new AccessTokenIssuer(config, keys, clock),
                trust.clients(),
                dids);
    }

    public ClientAuthenticator authenticator() {
        return authenticator;
    }

    /** The outcome of a granted request: who got which token. */
    public record Grant(AuthenticatedClient client, AccessTokenIssuer.IssuedToken token) {}

    /**
     * Decides a request. What its checks would cache (the client's did:key, certificates, chains) is committed only
     * once the token is signed ({@link Admission}): a refused or failed request leaves no entry behind.
     */
    public Grant grant(TokenRequest request) {
        return Admission.decide(() -> decide(request));
    }

    private Grant decide(TokenRequest request) {
        // Checked before authentication too, so that a bad scope costs no signature verification.
        scopes.grant(request.scope(), Set.of());
        String audience = audience(request);
        AuthenticatedClient client =
                authenticator.authenticate(request.clientAssertion(), request.clientId(), request.tenant());
        try {
            Set<String> clientScopes =
                    clients.map(c -> c.require(client.clientId()).scopes()).orElse(Set.of());
            List<String> granted = scopes.grant(request.scope(), clientScopes);
            if (!replay.firstUse(client.clientId(), client.jti(), client.replayGuardUntil())) {
                throw OAuthException.of(Reason.ASSERTION_REPLAYED, "client assertion 'jti' was already used");
            }
            return new Grant(client, issuer.issue(client, granted, audience, request.tenant()));
        } catch (OAuthException e) {
            throw e.forClient(client.clientId());
        }
    }

    private String audience(TokenRequest request) {
        if (request.resource().isEmpty()) {
            return config.tokenAudience();
        }
        if (!config.tokenResources().contains(request.resource().get())) {
            throw OAuthException.of(Reason.RESOURCE_NOT_ALLOWED, "resource is not one this server issues tokens for");
        }
        return request.resource().get();
    }
}
