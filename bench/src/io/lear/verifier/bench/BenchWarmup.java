package io.lear.verifier.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.lear.verifier.demo.DemoEnvironment;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestPki;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Warms the server up with fresh valid token requests built on the fly (so that any number of them
 * can be sent without a huge request file), for a given time, before the measured wrk runs: the
 * JIT of a Liberty server needs minutes, not seconds. Usage:
 * {@code BenchWarmup <issuer-url> <demo-dir> <seconds> <threads>}.
 */
public final class BenchWarmup {
    private BenchWarmup() {}

    public static void main(String[] args) throws Exception {
        AmazonCorrettoCryptoProvider.install();
        String issuer = args[0];
        DemoEnvironment env = new DemoEnvironment(Path.of(args[1]));
        long until = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        int threads = Integer.parseInt(args[3]);
        TestPki.Issued seal = env.load("issuer-rsa");
        List<String> x5c = List.of(seal.x5c(), env.load("intermediate").x5c());
        HttpClient http = HttpClient.newHttpClient();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Scenario s = new Scenario(seal, x5c, issuer);
            s.now = Instant.now();
            s.vpPayload = p -> p.put("exp", Instant.now().getEpochSecond() + 3600);
            String vpToken = Base64.getEncoder()
                    .encodeToString(s.presentation(s.credential()).getBytes(StandardCharsets.US_ASCII));
            Thread w = new Thread(() -> {
                while (System.nanoTime() < until) {
                    s.now = Instant.now();
                    String body = "grant_type=client_credentials&client_assertion_type="
                            + URLEncoder.encode(
                                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                            + "&client_assertion="
                            + URLEncoder.encode(s.assertionWith(vpToken), StandardCharsets.UTF_8);
                    try {
                        HttpResponse<Void> r = http.send(
                                HttpRequest.newBuilder(URI.create(issuer + "/oidc/token"))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                        (r.statusCode() == 200 ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        System.out.println("warm-up: " + ok.get() + " tokens, " + failed.get() + " failures");
    }
}
