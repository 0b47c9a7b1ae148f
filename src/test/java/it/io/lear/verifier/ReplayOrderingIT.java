package it.io.lear.verifier;

import static it.io.lear.verifier.ItServer.get;
import static it.io.lear.verifier.ItServer.json;
import static it.io.lear.verifier.ItServer.postToken;
import static it.io.lear.verifier.ItServer.tokenForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.testsupport.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Profile §11/§15.2 against a real Liberty: an attacker with a throw-away did:key and no credential
 * sends assertions whose signature verifies, with the longest jti and lifetime allowed and a VP that
 * is not one. Nothing may be stored for them: the replay store's size, read from /metrics, does not
 * grow; a request that passes every check adds exactly its own entry.
 */
@ExtendWith(ArquillianExtension.class)
class ReplayOrderingIT {
    private static final int FLOOD = 10_000;
    private static final int IN_FLIGHT = 8;
    private static final Pattern ENTRIES = Pattern.compile("(?m)^replay_store_entries\\{[^}]*\\} ([0-9.E+]+)$");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItServer.war();
    }

    private static long replayEntries() {
        String metrics = get("/metrics", null).body();
        Matcher m = ENTRIES.matcher(metrics);
        assertTrue(m.find(), "replay_store_entries gauge in /metrics");
        return (long) Double.parseDouble(m.group(1));
    }

    @Test
    void authenticatedAssertionsWithABadPresentationLeaveNoReplayState() throws Exception {
        Scenario attacker = ItServer.scenario();
        attacker.assertionPayload = p -> {
            p.put("jti", UUID.randomUUID() + "x".repeat(220));
            p.put("exp", attacker.now.getEpochSecond() + 590);
        };
        long before = replayEntries();
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> window = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < FLOOD; i++) {
            String body = tokenForm(attacker.machine.did(), attacker.assertionWith("x"));
            window.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create(ItServer.TOKEN))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
            if (window.size() == IN_FLIGHT || i == FLOOD - 1) {
                for (CompletableFuture<HttpResponse<String>> f : window) {
                    // Bounded: a server whose request threads all wait on each other (a fixed executor pool
                    // under HTTP/2 did, 2026-12-02) must fail this test, not hang the build.
                    HttpResponse<String> r = f.get(2, TimeUnit.MINUTES);
                    assertEquals(401, r.statusCode(), r.body());
                    assertEquals("vp_malformed", json(r).get("reason"));
                    refused++;
                }
                window.clear();
            }
        }
        assertEquals(FLOOD, refused);
        // Entries of earlier tests may expire meanwhile; none may be added.
        long after = replayEntries();
        assertTrue(after <= before, "replay store grew from " + before + " to " + after);
    }

    @Test
    void grantedRequestAddsItsOwnEntryAndAReplayIsRefused() {
        Scenario s = ItServer.scenario();
        String assertion = s.assertion();
        HttpResponse<String> first = postToken(tokenForm(s.machine.did(), assertion));
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(replayEntries() >= 1);
        HttpResponse<String> replay = postToken(tokenForm(s.machine.did(), assertion));
        assertEquals(401, replay.statusCode());
        assertEquals("assertion_replayed", json(replay).get("reason"));
    }
}
