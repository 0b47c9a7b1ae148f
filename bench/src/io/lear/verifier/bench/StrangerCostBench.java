package io.lear.verifier.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.jose.JsonText;
import io.lear.verifier.keys.DidKey;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestMachine;
import io.lear.verifier.testsupport.TestPki;
import io.lear.verifier.testsupport.TestVerifier;
import io.lear.verifier.token.TokenRequest;
import io.lear.verifier.token.TokenService;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 20: what the worst requests of a stranger (a throw-away did:key, no trusted key) cost the server, against a
 * legitimate token, in-process with the server's crypto provider (AWS-LC). The legitimate token is the whole grant
 * (assertion, VP, RS256 credential with a two-certificate x5c, trust, token signing) with warm caches and a replay
 * store that accepts the same assertion again, so one pre-built request measures the server side only. The
 * strangers' requests are the reviewer's: an x5c leaf with an RSA-3072 key and a 3,070-bit public exponent under a
 * random signature; nine such fake intermediates; four (within the x5c bound). {@code costlyRsaVerifyAlone} is the
 * public-key operation the earlier check order ran on the first of them, measured alone with the JDK's provider. {@code didJwks} is what
 * {@code GET /oidc/did/{did}} computes for a did:key it has never seen. Run: bench/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StrangerCostBench {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenService tokens;
    private TestVerifier verifier;
    private TokenRequest legitimate;
    private String costlyLeaf;
    private String nineCostlyIntermediates;
    private String fourCostlyIntermediates;
    private PublicKey costlyKey;
    private byte[] signingInput;
    private byte[] randomSignature;
    private List<String> strangerDids;
    private int nextDid;

    @Setup
    public void setUp() {
        AmazonCorrettoCryptoProvider.install();
        AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
        verifier = TestVerifier.create();
        tokens = TokenService.wire(
                verifier.config,
                verifier.clock,
                verifier.keys,
                verifier.dids,
                verifier.trust,
                (c, claims) -> Optional.empty());
        Scenario s = verifier.scenario();
        legitimate = new TokenRequest(s.assertion(), Optional.empty(), Optional.empty(), Optional.empty());
        tokens.grant(legitimate); // the client's did:key, certificates and chain are now cached, as for a regular

        Scenario leaf = verifier.scenario();
        leaf.x5c = List.of(costly(TestPki.sealSubject(Scenario.ORG)).x5c(), verifier.pki.intermediate.x5c());
        costlyLeaf = leaf.assertion();
        nineCostlyIntermediates = withCostlyIntermediates(9);
        fourCostlyIntermediates = withCostlyIntermediates(4);

        costlyKey = costlyRsa();
        signingInput = new byte[8 * 1024];
        RANDOM.nextBytes(signingInput);
        randomSignature = new byte[384];
        RANDOM.nextBytes(randomSignature);
        strangerDids = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            strangerDids.add(TestMachine.p256().did());
        }
    }

    private String withCostlyIntermediates(int n) {
        Scenario s = verifier.scenario();
        List<String> x5c = new ArrayList<>(List.of(verifier.rsaIssuer.x5c()));
        for (int i = 0; i < n; i++) {
            x5c.add(costly(new X500Name("CN=Fake Issuing CA " + i + ",O=Stranger"))
                    .x5c());
        }
        s.x5c = x5c;
        return s.assertion();
    }

    private TestPki.Issued costly(X500Name subject) {
        TestPki.Issued ca = verifier.pki.intermediate;
        return TestPki.custom(
                subject,
                new KeyPair(costlyRsa(), ca.privateKey()),
                ca,
                Instant.now().minus(1, ChronoUnit.DAYS),
                Instant.now().plus(30, ChronoUnit.DAYS),
                "SHA256withRSA",
                b -> {});
    }

    private static PublicKey costlyRsa() {
        try {
            BigInteger n = new BigInteger(3072, RANDOM).setBit(3071).setBit(0);
            BigInteger e = new BigInteger(3070, RANDOM).setBit(3069).setBit(0);
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Object refused(String assertion) {
        try {
            tokens.grant(new TokenRequest(assertion, Optional.empty(), Optional.empty(), Optional.empty()));
            throw new IllegalStateException("a stranger's request was granted");
        } catch (OAuthException e) {
            return e.reason();
        }
    }

    @Benchmark
    public Object legitimateToken() {
        return tokens.grant(legitimate);
    }

    @Benchmark
    public Object strangerCostlyLeaf() {
        return refused(costlyLeaf);
    }

    @Benchmark
    public Object strangerNineCostlyIntermediates() {
        return refused(nineCostlyIntermediates);
    }

    @Benchmark
    public Object strangerFourCostlyIntermediates() {
        return refused(fourCostlyIntermediates);
    }

    @Benchmark
    public boolean costlyRsaVerifyAlone() throws Exception {
        // The JDK provider: the native one may decline such a key quickly, the JDK computes the exponentiation.
        Signature sig = Signature.getInstance("SHA256withRSA", "SunRsaSign");
        sig.initVerify(costlyKey);
        sig.update(signingInput);
        try {
            return sig.verify(randomSignature);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }

    @Benchmark
    public String didJwks() throws Exception {
        DidKey key = DidKey.parse(strangerDids.get(nextDid++ & 4095));
        Map<String, Object> jwk = new LinkedHashMap<>(PublicJsonWebKey.Factory.newPublicJwk(key.publicKey())
                .toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        jwk.put("kid", key.did());
        return JsonText.write(Map.of("keys", List.of(jwk)));
    }
}
