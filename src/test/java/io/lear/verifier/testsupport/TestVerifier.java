package io.lear.verifier.testsupport;

import io.lear.verifier.client.ClientAuthenticator;
import io.lear.verifier.client.InMemoryReplayGuard;
import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.keys.DidKeyResolver;
import io.lear.verifier.keys.SigningKeys;
import io.lear.verifier.token.TokenService;
import io.lear.verifier.trust.TrustSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The verifier's components wired as in the server ({@link TrustSetup} from configuration), without
 * a container: a test PKI whose root is the only anchor, a trusted issuers file naming
 * {@link Scenario#ISSUER_DID}, and a movable clock.
 */
public final class TestVerifier {
    public static final String ISSUER = "https://verifier.example.org";
    private static TestPki sharedPki;
    private static TestPki.Issued sharedRsa;
    private static TestPki.Issued sharedEc;

    public final TestPki pki;
    public final TestPki.Issued rsaIssuer;
    public final TestPki.Issued ecIssuer;
    public final MutableClock clock = new MutableClock(Instant.now());
    public final VerifierConfig config;
    public final SigningKeys keys;
    public final TrustSetup trust;
    public final ClientAuthenticator authenticator;
    public final InMemoryReplayGuard replay;
    public final DidKeyResolver dids = new DidKeyResolver();
    public final TokenService tokens;

    private TestVerifier(Map<String, String> settings, String issuersJson) {
        this(settings, issuersJson, false);
    }

    private TestVerifier(Map<String, String> settings, String issuersJson, boolean backgroundRefresh) {
        synchronized (TestVerifier.class) {
            if (sharedPki == null) {
                sharedPki = TestPki.create("Unit");
                sharedRsa = sharedPki.rsaIssuer(Scenario.ORG);
                sharedEc = sharedPki.ecIssuer(Scenario.ORG);
            }
        }
        pki = sharedPki;
        rsaIssuer = sharedRsa;
        ecIssuer = sharedEc;
        Map<String, String> all = new HashMap<>();
        all.put("verifier.issuer", ISSUER);
        all.put("verifier.trust.anchors", write("anchors.pem", pki.anchorsPem()));
        all.put("verifier.trust.issuers", write("issuers.json", issuersJson));
        all.putAll(settings);
        config = VerifierConfig.from(k -> Optional.ofNullable(all.get(k)));
        keys = SigningKeys.fromJson(SigningKeys.generateJwks(), Optional.empty());
        // Background refreshes run on the calling thread: a refresh that is due has happened when get() returns.
        trust = backgroundRefresh
                ? new TrustSetup(config, clock, dids)
                : new TrustSetup(config, clock, dids, Runnable::run);
        replay = new InMemoryReplayGuard(clock, config.replayMaxEntries());
        tokens = TokenService.wire(config, clock, keys, dids, trust, replay);
        authenticator = tokens.authenticator();
    }

    /** Writes a file into a fresh temporary directory and returns its path. */
    public static String write(String name, String content) {
        try {
            Path dir = Files.createTempDirectory("lear-test");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve(name);
            Files.writeString(file, content);
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestVerifier create() {
        return new TestVerifier(Map.of(), defaultIssuers());
    }

    public static TestVerifier create(Map<String, String> settings) {
        return new TestVerifier(settings, defaultIssuers());
    }

    /** With the production refresh threads, for measurements of what a request waits for. */
    public static TestVerifier createWithBackgroundRefresh(Map<String, String> settings) {
        return new TestVerifier(settings, defaultIssuers(), true);
    }

    public static TestVerifier withIssuers(String issuersJson) {
        return new TestVerifier(Map.of(), issuersJson);
    }

    public static TestVerifier create(Map<String, String> settings, String issuersJson) {
        return new TestVerifier(settings, issuersJson);
    }

    public static String defaultIssuers() {
        return "{\"issuers\":[{\"id\":\"" + Scenario.ISSUER_DID
                + "\",\"credentialTypes\":[\"LEARCredentialMachine\"]}]}";
    }

    /**
     * A valid {@code learcredential.machine.w3c.3} scenario against this verifier, as the EUDIStack issuer (ES256
     * seal, root omitted from x5c) and Java client (§16.6) build it.
     */
    public Scenario w3c3Scenario() {
        Scenario s = new Scenario(pki, ecIssuer, ISSUER).eudiStack();
        s.now = clock.instant();
        return s;
    }

    /** A valid {@code learcredential.machine.sd.1} scenario against this verifier (ES256 seal, §16.6 request). */
    public Scenario sd1Scenario() {
        Scenario s = new Scenario(pki, ecIssuer, ISSUER).sdJwt();
        s.now = clock.instant();
        return s;
    }

    /** A valid scenario against this verifier, issued by the RSA seal. */
    public Scenario scenario() {
        Scenario s = new Scenario(pki, rsaIssuer, ISSUER);
        s.now = clock.instant();
        return s;
    }
}
