package io.lear.verifier.bench;

import io.lear.verifier.testsupport.ListServer;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestVerifier;
import io.lear.verifier.token.*;
import java.time.Duration;
import java.util.*;

/**
 * What a token request waits for while a trust document is due for refresh and its server hangs
 * (profile §15.2): the whole grant in-process, client-side signing included, with the production
 * refresh threads. Run: mvn -q exec:java -Dexec.mainClass=io.lear.verifier.bench.TrustOutageBench -Dexec.classpathScope=test
 */
public final class TrustOutageBench {
    private TrustOutageBench() {}

    public static void main(String[] a) throws Exception {
        ListServer lists = new ListServer();
        lists.answer("/issuers.json", ListServer.Answer.ok(TestVerifier.defaultIssuers()));
        TestVerifier v = TestVerifier.createWithBackgroundRefresh(Map.of(
                "verifier.fetch.allow-http",
                "true",
                "verifier.fetch.timeout",
                "5",
                "verifier.trust.refresh",
                "300",
                "verifier.trust.issuers",
                lists.url("/issuers.json")));
        for (int i = 0; i < 300; i++) grant(v);
        long t0 = System.nanoTime();
        int n = 200;
        for (int i = 0; i < n; i++) grant(v);
        System.out.printf("warm: %.2f ms/request%n", (System.nanoTime() - t0) / 1e6 / n);
        lists.answer("/issuers.json", ListServer.Answer.slow(TestVerifier.defaultIssuers(), 30_000));
        v.clock.advance(Duration.ofSeconds(301));
        long max = 0;
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            grant(v);
            max = Math.max(max, System.nanoTime() - s);
        }
        System.out.printf(
                "trust source hanging (fetch in flight, 5 s timeout): %.2f ms/request, max %.2f ms, hits %d%n",
                (System.nanoTime() - t0) / 1e6 / n, max / 1e6, lists.hits("/issuers.json"));
        System.exit(0);
    }

    static void grant(TestVerifier v) {
        Scenario s = v.scenario();
        v.tokens.grant(new TokenRequest(s.assertion(), Optional.empty(), Optional.empty(), Optional.empty()));
    }
}
