package io.lear.verifier.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.lear.verifier.demo.DemoEnvironment;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestPki;
import java.io.BufferedWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Pre-builds unique, valid token requests for the load test: a few machines, each with its own
 * LEARCredentialMachine (RS256, x5c seal + CA, as DOME issues them) and VP, and one client
 * assertion per request with a fresh jti (so replay protection is exercised). One form body per
 * line. Usage: {@code BenchRequests <issuer-url> <demo-dir> <count> <out-file>}.
 */
public final class BenchRequests {
    private BenchRequests() {}

    public static void main(String[] args) throws Exception {
        AmazonCorrettoCryptoProvider.install(); // only to build the requests faster
        String issuer = args[0];
        DemoEnvironment env = new DemoEnvironment(Path.of(args[1]));
        int count = Integer.parseInt(args[2]);
        TestPki.Issued seal = env.load("issuer-rsa");
        List<String> x5c = List.of(seal.x5c(), env.load("intermediate").x5c());
        List<Scenario> machines = new ArrayList<>();
        List<String> vpTokens = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Scenario s = new Scenario(seal, x5c, issuer);
            s.now = Instant.now();
            s.vpPayload = p -> p.put("exp", s.now.getEpochSecond() + 3600);
            machines.add(s);
            vpTokens.add(Base64.getEncoder()
                    .encodeToString(s.presentation(s.credential()).getBytes(StandardCharsets.US_ASCII)));
        }
        String prefix = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8);
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[3]))) {
            for (int i = 0; i < count; i++) {
                Scenario s = machines.get(i % machines.size());
                s.now = Instant.now();
                s.assertionPayload = p -> p.put("exp", s.now.getEpochSecond() + 600);
                String assertion = s.assertionWith(vpTokens.get(i % machines.size()));
                out.write(prefix + "&client_id=" + URLEncoder.encode(s.machine.did(), StandardCharsets.UTF_8)
                        + "&client_assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8));
                out.write('\n');
            }
        }
    }
}
