package io.lear.verifier.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.lear.verifier.dpop.DpopProof;
import io.lear.verifier.dpop.DpopProofVerifier;
import io.lear.verifier.testsupport.DpopProofs;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestVerifier;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * What DPoP adds to a token request (profile §17), single-threaded so that time is CPU, beside what every request
 * costs: {@code authenticate} is a legacy request's client authentication (as {@code LineageBench}), {@code proof}
 * the proof check the token endpoint adds for a bound token (parse, public-only jwk, ES256 verify, htm/htu/iat,
 * the thumbprint against the client's did:key). The replay claim of the proof's jti (one more map entry or the
 * same Redis round trip) and the token's {@code cnf} member are left out. Not run by the tests or bench/run.py:
 * {@code java -cp … org.openjdk.jmh.Main DpopCostBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DpopCostBench {
    private TestVerifier verifier;
    private Scenario scenario;
    private String assertion;
    private String proof;
    private DpopProofVerifier proofs;

    @Setup
    public void setUp() {
        AmazonCorrettoCryptoProvider.install();
        AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
        verifier = TestVerifier.create();
        scenario = verifier.scenario();
        assertion = scenario.assertion();
        proof = new DpopProofs(scenario.machine, verifier.config.tokenEndpoint(), verifier.clock.instant()).proof();
        proofs = new DpopProofVerifier(verifier.clock, verifier.config.clockSkew(), verifier.config.dpopMaxAge());
        authenticate();
        proof(); // fails here, not in the measurement, if the proof is not valid
    }

    @Benchmark
    public Object authenticate() {
        return verifier.authenticator.authenticate(assertion, Optional.empty());
    }

    @Benchmark
    public Object proof() {
        DpopProof p = proofs.verify(proof, "POST", verifier.config.tokenEndpoint());
        DpopProofVerifier.requireClientKey(p, scenario.machine.keys().getPublic());
        return p;
    }
}
