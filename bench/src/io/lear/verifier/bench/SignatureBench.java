package io.lear.verifier.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.lear.verifier.testsupport.TestPki;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
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
 * The signature work of one token request, per operation: ES256 verify (assertion, VP), RS256
 * verify with 2048- and 4096-bit issuer keys (the VC), ES256 sign (the access token), with the
 * stock JDK providers ({@code jdk}) or the native provider first ({@code native}). Like jose4j,
 * each operation gets its {@link Signature} from the JCA. Run by bench/run.py, never by the tests.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SignatureBench {
    @Param({"jdk", "native"})
    public String provider;

    private KeyPair ec;
    private KeyPair rsa2048;
    private KeyPair rsa4096;
    private byte[] input;
    private byte[] esSig;
    private byte[] rs2048Sig;
    private byte[] rs4096Sig;

    @Setup
    public void setUp() throws Exception {
        if (provider.equals("native")) {
            AmazonCorrettoCryptoProvider.install();
            AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
        }
        ec = TestPki.ec();
        rsa2048 = TestPki.rsa(2048);
        rsa4096 = TestPki.rsa(4096);
        input = new byte[8 * 1024]; // a typical JWS signing input
        new SecureRandom().nextBytes(input);
        esSig = sign("SHA256withECDSA", ec);
        rs2048Sig = sign("SHA256withRSA", rsa2048);
        rs4096Sig = sign("SHA256withRSA", rsa4096);
    }

    private byte[] sign(String alg, KeyPair kp) throws Exception {
        Signature s = Signature.getInstance(alg);
        s.initSign(kp.getPrivate());
        s.update(input);
        return s.sign();
    }

    private boolean verify(String alg, KeyPair kp, byte[] sig) throws Exception {
        Signature s = Signature.getInstance(alg);
        s.initVerify(kp.getPublic());
        s.update(input);
        return s.verify(sig);
    }

    @Benchmark
    public boolean es256Verify() throws Exception {
        return verify("SHA256withECDSA", ec, esSig);
    }

    @Benchmark
    public boolean rs256Verify2048() throws Exception {
        return verify("SHA256withRSA", rsa2048, rs2048Sig);
    }

    @Benchmark
    public boolean rs256Verify4096() throws Exception {
        return verify("SHA256withRSA", rsa4096, rs4096Sig);
    }

    @Benchmark
    public byte[] es256Sign() throws Exception {
        return sign("SHA256withECDSA", ec);
    }
}
