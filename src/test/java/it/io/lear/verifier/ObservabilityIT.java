package it.io.lear.verifier;

import static it.io.lear.verifier.ItServer.get;
import static it.io.lear.verifier.ItServer.postToken;
import static it.io.lear.verifier.ItServer.scenario;
import static it.io.lear.verifier.ItServer.tokenForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.Scenario;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What an operator sees: audit lines, metrics, request ids, headers, OpenAPI (no tokens in files: NoTokensInServerFilesIT). */
@ExtendWith(ArquillianExtension.class)
class ObservabilityIT {
    private static final Path LOGS = Path.of(System.getProperty("it.server.logs", "target/liberty/wlp/usr/servers/arquillianServer/logs"));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItServer.war();
    }

    @Test
    void auditLinesAndMetricsOfTokenDecisions() throws Exception {
        Scenario ok = scenario();
        var granted = ItServer.send(HttpRequest.newBuilder(URI.create(ItServer.TOKEN))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Request-Id", "obs-granted-1")
                .POST(HttpRequest.BodyPublishers.ofString(tokenForm(ok.machine.did(), ok.assertion()))).build());
        assertEquals(200, granted.statusCode());
        assertEquals("obs-granted-1", granted.headers().firstValue("X-Request-Id").orElse(""));
        Scenario expired = scenario();
        expired.assertionPayload = p -> p.put("exp", java.time.Instant.now().getEpochSecond() - 300);
        var refused = ItServer.send(HttpRequest.newBuilder(URI.create(ItServer.TOKEN))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Request-Id", "obs-refused-1")
                .POST(HttpRequest.BodyPublishers.ofString(tokenForm(expired.machine.did(), expired.assertion()))).build());
        assertEquals(401, refused.statusCode());
        // A hostile request id is replaced, not echoed.
        var hostile = ItServer.send(HttpRequest.newBuilder(URI.create(ItServer.BASE + "/oidc/jwks"))
                .header("X-Request-Id", "bad id\twith<script>").build());
        assertFalse(hostile.headers().firstValue("X-Request-Id").orElse("").contains("<"));

        Map<String, Object> grantedLine = auditLine("obs-granted-1");
        assertEquals("granted", grantedLine.get("outcome"));
        assertEquals(ok.machine.did(), grantedLine.get("client"));
        assertEquals(Scenario.ISSUER_DID, grantedLine.get("issuer"));
        assertEquals("VATES-B60645900", grantedLine.get("organization"));
        assertTrue(grantedLine.containsKey("credential_id") && grantedLine.containsKey("latency_ms"));
        Map<String, Object> refusedLine = auditLine("obs-refused-1");
        assertEquals("refused", refusedLine.get("outcome"));
        assertEquals("assertion_expired", refusedLine.get("reason"));

        String metrics = get("/metrics", null).body();
        assertTrue(Pattern.compile("token_requests_total\\{[^}]*outcome=\"granted\"").matcher(metrics).find(), "granted counter");
        assertTrue(Pattern.compile("token_requests_total\\{[^}]*reason=\"assertion_expired\"").matcher(metrics).find(),
                "refused counter");
        assertTrue(metrics.contains("token_latency_seconds_bucket"), "latency histogram");
        assertTrue(metrics.contains("trust_source_age_seconds"), "trust age");

    }

    private static Map<String, Object> auditLine(String requestId) throws Exception {
        for (int i = 0; i < 50; i++) {
            for (String line : Files.readAllLines(LOGS.resolve("messages.log"), java.nio.charset.StandardCharsets.ISO_8859_1)) {
                int at = line.indexOf("{\"event\":\"token_decision\"");
                if (at >= 0 && line.contains("\"" + requestId + "\"")) {
                    return JsonUtil.parseJson(line.substring(at));
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no audit line for " + requestId);
    }

    @Test
    void openApiDocumentsTheTokenEndpointAndEveryReason() {
        var r = get("/openapi", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("/oidc/token"));
        assertTrue(r.body().contains("client_assertion"));
        for (Reason reason : Reason.values()) {
            assertTrue(r.body().contains(reason.code()), reason.code());
        }
    }

    @Test
    void securityHeadersAndNoServerBanner() {
        for (String path : List.of("/oidc/jwks", "/.well-known/oauth-authorization-server", "/nope", "/api/sample/whoami",
                "/health/ready", "/metrics")) {
            var r = get(path, null);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), path);
            assertFalse(r.headers().firstValue("Server").isPresent(), path);
            assertFalse(r.headers().firstValue("X-Powered-By").isPresent(), path);
        }
        var trace = ItServer.send(HttpRequest.newBuilder(URI.create(ItServer.TOKEN)).method("DELETE",
                HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, trace.statusCode());
        assertEquals("method_not_allowed", ItServer.json(trace).get("reason"));
        var postToJwks = postToken("x=1");
        assertTrue(postToJwks.statusCode() == 400);
    }
}
