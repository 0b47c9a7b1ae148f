package io.lear.verifier.token;

import io.lear.verifier.cache.Admission;
import io.lear.verifier.client.AuthenticatedClient;
import io.lear.verifier.client.ClientAuthenticator;
import io.lear.verifier.client.ReplayGuard;
import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.dpop.DpopProof;
import io.lear.verifier.dpop.DpopProofVerifier;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.keys.DidKey;
import io.lear.verifier.keys.DidKeyResolver;
import io.lear.verifier.keys.SigningKeys;
import io.lear.verifier.trust.RegisteredClients;
import io.lear.verifier.trust.TrustSetup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The client_credentials grant as one use case, in this order:
 * <ol>
 *   <li>request-level checks that need no authentication (scope syntax and allow-list, resource);</li>
 *   <li>client authentication (assertion; then the DPoP proof, signed by the client's own did:key (§17); VP,
 *       credential, trust, revocation);</li>
 *   <li>the client's registration and scopes, when a registered-clients list is configured;</li>
 *   <li>single use of the assertion's jti and the proof's, together — last, so a refused request leaves no state
 *       (profile §11);</li>
 *   <li>the token, bound to the proof's key ({@code cnf.jkt}) when there was one; only now is the client's decoded
 *       did:key kept for its next request.</li>
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
    private final DpopProofVerifier dpop;

    @Inject
    public TokenService(
            VerifierConfig config,
            ClientAuthenticator authenticator,
            ReplayGuard replay,
            AccessTokenIssuer issuer,
            Optional<RegisteredClients> clients,
            DidKeyResolver dids,
            DpopProofVerifier dpop) {
        this.config = config;
        this.dpop = dpop;
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
        dpop = null;
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
                dids,
                new DpopProofVerifier(clock, config.clockSkew(), config.dpopMaxAge()));
    }

    public ClientAuthenticator authenticator() {
        return authenticator;
    }

    /**
     * The outcome of a granted request: who got which token.
     *
     * @param jkt the thumbprint of the key the token is bound to, when the request carried a DPoP proof (§17)
     */
    public record Grant(AuthenticatedClient client, AccessTokenIssuer.IssuedToken token, Optional<String> jkt) {
        public Grant(AuthenticatedClient client, AccessTokenIssuer.IssuedToken token) {
            this(client, token, Optional.empty());
        }

        /** The response's {@code token_type}: {@code DPoP} for a bound token (RFC 9449 §5). */
        public String tokenType() {
            return jkt.isPresent() ? "DPoP" : "Bearer";
        }
    }

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
        if (request.dpop().isEmpty() && config.dpopRequired()) {
            throw OAuthException.of(Reason.DPOP_PROOF_MISSING, "this server issues only DPoP-bound tokens");
        }
        DpopProof[] proof = new DpopProof[1];
        AuthenticatedClient client = authenticator.authenticate(
                request.clientAssertion(),
                request.clientId(),
                request.tenant(),
                did -> request.dpop().ifPresent(p -> proof[0] = clientsProof(p, did)));
        Optional<DpopProof> bound = Optional.ofNullable(proof[0]);
        try {
            Set<String> clientScopes =
                    clients.map(c -> c.require(client.clientId()).scopes()).orElse(Set.of());
            List<String> granted = scopes.grant(request.scope(), clientScopes);
            claimJtis(client, bound);
            Optional<String> jkt = bound.map(DpopProof::jkt);
            return new Grant(client, issuer.issue(client, granted, audience, request.tenant(), jkt), jkt);
        } catch (OAuthException e) {
            throw e.forClient(client.clientId());
        }
    }

    /** §17: a valid proof for this endpoint, signed by the key the client's did:key decodes to. */
    private DpopProof clientsProof(String proof, DidKey client) {
        DpopProof p = dpop.verify(proof, "POST", config.tokenEndpoint());
        DpopProofVerifier.requireClientKey(p, client.publicKey());
        return p;
    }

    /** The assertion's jti and the proof's, claimed as one: a replay of either leaves neither claimed. */
    private void claimJtis(AuthenticatedClient client, Optional<DpopProof> proof) {
        List<ReplayGuard.Claim> claims = new ArrayList<>(2);
        claims.add(new ReplayGuard.Claim(ReplayGuard.Kind.ASSERTION, client.jti(), client.replayGuardUntil()));
        proof.ifPresent(p -> claims.add(new ReplayGuard.Claim(ReplayGuard.Kind.DPOP_PROOF, p.jti(), p.keepUntil())));
        Optional<ReplayGuard.Claim> replayed = replay.firstUse(client.clientId(), claims);
        if (replayed.isPresent()) {
            throw replayed.get().kind() == ReplayGuard.Kind.ASSERTION
                    ? OAuthException.of(Reason.ASSERTION_REPLAYED, "client assertion 'jti' was already used")
                    : OAuthException.of(Reason.DPOP_PROOF_REPLAYED, "DPoP proof 'jti' was already used");
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
