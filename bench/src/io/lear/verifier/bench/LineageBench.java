package io.lear.verifier.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The client authentication of one token request per credential lineage, single-threaded (so its time is its CPU):
 * assertion, VP and credential verified by the wiring the server uses, with warm caches (did:key, x5c, chains) and
 * the native provider first, as in the server. The access token's signature is the same for every lineage and left
 * out; so is the replay store, which is why the same request can be authenticated again. {@code legacy}: an RS256
 * LEARCredentialMachine as the DOME issuer seals it; {@code w3c3}: ES256 learcredential.machine.w3c.3; {@code sd1}:
 * the ES256 SD-JWT VC with three disclosures; {@code sd1kb}: the same with a Key Binding JWT (one ES256 verify more).
 * Not run by the tests or bench/run.py: {@code java -cp … org.openjdk.jmh.Main LineageBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LineageBench {
    @Param({"legacy", "w3c3", "sd1", "sd1kb"})
    public String lineage;

    private TestVerifier verifier;
    private String assertion;

    @Setup
    public void setUp() {
        AmazonCorrettoCryptoProvider.install();
        AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
        verifier = TestVerifier.create();
        Scenario s = switch (lineage) {
            case "legacy" -> verifier.scenario();
            case "w3c3" -> verifier.w3c3Scenario();
            default -> verifier.sd1Scenario();
        };
        s.keyBinding = lineage.equals("sd1kb");
        assertion = s.assertion();
        authenticate(); // fails here, not in the measurement, if the request is not valid
    }

    @Benchmark
    public Object authenticate() {
        return verifier.authenticator.authenticate(assertion, Optional.empty());
    }
}
