package io.lear.verifier;

import io.lear.verifier.client.InMemoryReplayGuard;
import io.lear.verifier.client.RedisReplayGuard;
import io.lear.verifier.client.ReplayGuard;
import io.lear.verifier.config.ConfigurationException;
import io.lear.verifier.config.NativeCrypto;
import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.dpop.DpopProofVerifier;
import io.lear.verifier.keys.DidKeyResolver;
import io.lear.verifier.keys.SigningKeys;
import io.lear.verifier.token.AccessTokenIssuer;
import io.lear.verifier.trust.IssuerSignatures;
import io.lear.verifier.trust.Participants;
import io.lear.verifier.trust.RegisteredClients;
import io.lear.verifier.trust.StatusLists;
import io.lear.verifier.trust.TrustSetup;
import io.lear.verifier.trust.TrustedIssuers;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The composition root: builds the verifier's plain, container-free components once from the configuration and
 * produces them for injection. The checks of the token path (the validators, {@code ClientAuthenticator},
 * {@code TokenService}) are CDI beans built from these products, so an operator can decorate any of them; the unit
 * tests build the same graph without a container ({@code TokenService.wire}). Endpoints depend on the component they
 * use, never on this class. Built eagerly at start-up so bad configuration stops the application with a message that
 * names the key.
 */
@ApplicationScoped
public class AuthorizationServer {
    private static final Logger LOG = Logger.getLogger(AuthorizationServer.class.getName());

    private VerifierConfig config;
    private SigningKeys keys;
    private TrustSetup trust;
    private Clock clock;
    private AccessTokenIssuer tokenIssuer;
    private DidKeyResolver dids;
    private ReplayGuard replay;
    private String cryptoProvider;

    @PostConstruct
    void init() {
        Config mp = ConfigProvider.getConfig();
        try {
            config = VerifierConfig.from(key -> mp.getOptionalValue(key, String.class));
            cryptoProvider = NativeCrypto.install(config.cryptoProvider());
            clock = Clock.systemUTC();
            Path outputDir = config.keysDevDir()
                    .orElse(Path.of(mp.getOptionalValue("lear.server.output.dir", String.class)
                            .orElse(".")));
            keys = SigningKeys.load(config.keysFile(), config.activeKeyId(), outputDir);
            dids = new DidKeyResolver();
            trust = new TrustSetup(config, clock, dids);
            trust.warmUp();
            replay = config.replayStore().equals("redis")
                    ? new RedisReplayGuard(config.redisUri().orElseThrow(), clock, java.time.Duration.ofSeconds(2))
                    : new InMemoryReplayGuard(clock, config.replayMaxEntries());
            tokenIssuer = new AccessTokenIssuer(config, keys, clock);
            LOG.info("LEAR verifier ready: issuer " + config.issuer() + ", signing key " + keys.activeKeyId() + ", "
                    + (trust.anchors().isEmpty()
                            ? "no trust anchors (did:elsi issuers refused)"
                            : "trust anchors loaded"));
        } catch (ConfigurationException e) {
            LOG.log(Level.SEVERE, "LEAR verifier cannot start: " + e.getMessage());
            throw e;
        }
    }

    /** Forces construction during application start-up rather than on the first request. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        config();
    }

    @Produces
    public VerifierConfig config() {
        return config;
    }

    @Produces
    public SigningKeys keys() {
        return keys;
    }

    @Produces
    public Clock clock() {
        return clock;
    }

    @Produces
    public AccessTokenIssuer tokenIssuer() {
        return tokenIssuer;
    }

    @Produces
    public TrustSetup trust() {
        return trust;
    }

    @Produces
    public IssuerSignatures issuerSignatures() {
        return trust.issuerSignatures();
    }

    @Produces
    public TrustedIssuers trustedIssuers() {
        return trust.trustedIssuers();
    }

    @Produces
    public Optional<Participants> participants() {
        return trust.participants();
    }

    @Produces
    public Optional<RegisteredClients> registeredClients() {
        return trust.clients();
    }

    @Produces
    public StatusLists statusLists() {
        return trust.statusLists();
    }

    /** The JCA provider that serves signatures (the native one, or "JDK"). */
    @Produces
    public NativeCrypto.Active cryptoProvider() {
        return new NativeCrypto.Active(cryptoProvider);
    }

    @Produces
    public ReplayGuard replay() {
        return replay;
    }

    @PreDestroy
    void close() {
        if (trust != null) {
            trust.close();
        }
        if (replay instanceof RedisReplayGuard redis) {
            redis.close();
        }
    }

    /** The DPoP proof rules of the token endpoint (profile §17), on the server's clock and settings. */
    @Produces
    public DpopProofVerifier dpopProofs() {
        return new DpopProofVerifier(clock, config.clockSkew(), config.dpopMaxAge());
    }

    @Produces
    public DidKeyResolver dids() {
        return dids;
    }
}
