package io.lear.verifier.testsupport;

import io.lear.verifier.client.ClientAssertionVerifier;
import io.lear.verifier.client.ClientAuthenticator;
import io.lear.verifier.client.InMemoryReplayGuard;
import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.credential.CredentialVerifier;
import io.lear.verifier.credential.PresentationVerifier;
import io.lear.verifier.keys.DidKeyResolver;
import io.lear.verifier.keys.SigningKeys;
import io.lear.verifier.token.AccessTokenIssuer;
import io.lear.verifier.token.TokenService;
import io.lear.verifier.trust.CertificateChainValidator;
import io.lear.verifier.trust.IssuerKeys;
import io.lear.verifier.trust.TrustAnchors;
import io.lear.verifier.trust.TrustedIssuersFile;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verifier's components wired as in the server, without a container: a test PKI whose root is
 * the only anchor, a trusted issuers list naming {@link Scenario#ISSUER_DID}, and a movable clock.
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
    public final ClientAuthenticator authenticator;
    public final TokenService tokens;

    private TestVerifier(Map<String, String> settings, String issuersJson) {
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
        all.putAll(settings);
        config = VerifierConfig.from(k -> Optional.ofNullable(all.get(k)));
        keys = SigningKeys.fromJson(SigningKeys.generateJwks(), Optional.empty());
        DidKeyResolver dids = new DidKeyResolver();
        IssuerKeys issuerKeys = new IssuerKeys(
                new CertificateChainValidator(TrustAnchors.of(List.of(pki.root.certificate()))), dids);
        authenticator = new ClientAuthenticator(new ClientAssertionVerifier(config, clock, dids),
                new InMemoryReplayGuard(clock), new PresentationVerifier(config, clock),
                new CredentialVerifier(config, clock, issuerKeys, TrustedIssuersFile.fromJson(issuersJson)),
                config.clockSkew());
        tokens = new TokenService(config, authenticator, new AccessTokenIssuer(config, keys, clock));
    }

    public static TestVerifier create() {
        return new TestVerifier(Map.of(), defaultIssuers());
    }

    public static TestVerifier create(Map<String, String> settings) {
        return new TestVerifier(settings, defaultIssuers());
    }

    public static TestVerifier withIssuers(String issuersJson) {
        return new TestVerifier(Map.of(), issuersJson);
    }

    public static String defaultIssuers() {
        return "{\"issuers\":[{\"id\":\"" + Scenario.ISSUER_DID + "\",\"credentialTypes\":[\"LEARCredentialMachine\"]}]}";
    }

    /** A valid scenario against this verifier, issued by the RSA seal. */
    public Scenario scenario() {
        Scenario s = new Scenario(pki, rsaIssuer, ISSUER);
        s.now = clock.instant();
        return s;
    }
}
