package io.lear.verifier.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.lear.verifier.demo.DemoEnvironment;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestPki;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Warms the verifier up with fresh valid token requests (WarmupLoad) for a given time, before the
 * measured wrk runs: the JIT of a Liberty server needs minutes, not seconds. Usage:
 * {@code BenchWarmup <issuer-url> <demo-dir> <seconds> <threads>}.
 */
public final class BenchWarmup {
    private BenchWarmup() {}

    public static void main(String[] args) throws Exception {
        AmazonCorrettoCryptoProvider.install();
        String issuer = args[0];
        DemoEnvironment env = new DemoEnvironment(Path.of(args[1]));
        long seconds = Long.parseLong(args[2]);
        int threads = Integer.parseInt(args[3]);
        TestPki.Issued seal = env.load("issuer-rsa");
        List<String> x5c = List.of(seal.x5c(), env.load("intermediate").x5c());
        WarmupLoad.run(issuer + "/oidc/token", seconds, threads, t -> {
            Scenario s = new Scenario(seal, x5c, issuer);
            s.now = Instant.now();
            s.vpPayload = p -> p.put("exp", Instant.now().getEpochSecond() + 3600);
            String vpToken = Base64.getEncoder()
                    .encodeToString(s.presentation(s.credential()).getBytes(StandardCharsets.US_ASCII));
            return () -> {
                s.now = Instant.now();
                return "grant_type=client_credentials&client_assertion_type="
                        + URLEncoder.encode(
                                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                        + "&client_assertion="
                        + URLEncoder.encode(s.assertionWith(vpToken), StandardCharsets.UTF_8);
            };
        });
    }
}
