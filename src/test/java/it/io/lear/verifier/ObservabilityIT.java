package it.io.lear.verifier;

import static it.io.lear.verifier.ItServer.get;
import static it.io.lear.verifier.ItServer.scenario;
import static it.io.lear.verifier.ItServer.tokenForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.testsupport.ProfileReasons;
import io.lear.verifier.testsupport.Scenario;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    private static final Path LOGS =
            Path.of(System.getProperty("it.server.logs", "target/liberty/wlp/usr/servers/arquillianServer/logs"));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItServer.war();
    }

    static HttpResponse<String> postWithRequestId(Scenario s, String requestId) {
        return ItServer.send(HttpRequest.newBuilder(URI.create(ItServer.TOKEN))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(tokenForm(s.machine.did(), s.assertion())))
                .build());
    }

    private static Scenario expired() {
        Scenario s = scenario();
        s.assertionPayload = p -> p.put("exp", java.time.Instant.now().getEpochSecond() - 300);
        return s;
    }

    @Test
    void grantedDecisionIsAuditedWithClientIssuerAndOrganization() throws Exception {
        Scenario ok = scenario();
        String id = "obs-granted-" + UUID.randomUUID();
        assertEquals(200, postWithRequestId(ok, id).statusCode());
        Map<String, Object> line = auditLine(id);
        assertEquals("granted", line.get("outcome"));
        assertEquals(ok.machine.did(), line.get("client"));
        assertEquals(Scenario.ISSUER_DID, line.get("issuer"));
        assertEquals("VATES-B60645900", line.get("organization"));
        assertTrue(line.containsKey("credential_id"), "credential_id");
        assertTrue(line.containsKey("latency_ms"), "latency_ms");
    }

    @Test
    void refusedDecisionIsAuditedWithItsReason() throws Exception {
        String id = "obs-refused-" + UUID.randomUUID();
        assertEquals(401, postWithRequestId(expired(), id).statusCode());
        Map<String, Object> line = auditLine(id);
        assertEquals("refused", line.get("outcome"));
        assertEquals("assertion_expired", line.get("reason"));
    }

    @Test
    void saneRequestIdIsEchoed() {
        String id = "obs-echo-" + UUID.randomUUID();
        assertEquals(
                id,
                postWithRequestId(expired(), id)
                        .headers()
                        .firstValue("X-Request-Id")
                        .orElseThrow());
    }

    private static String echoedRequestId(String sent) {
        return ItServer.send(HttpRequest.newBuilder(URI.create(ItServer.BASE + "/oidc/jwks"))
                        .header("X-Request-Id", sent)
                        .build())
                .headers()
                .firstValue("X-Request-Id")
                .orElseThrow(() -> new AssertionError("no X-Request-Id"));
    }

    @Test
    void requestIdOf64CharactersIsEchoedAnd65AreReplaced() {
        String max = "r".repeat(64);
        assertEquals(max, echoedRequestId(max));
        String over = "r".repeat(65);
        String replaced = echoedRequestId(over);
        assertFalse(replaced.equals(over), replaced);
        assertTrue(replaced.matches("[0-9a-f-]{36}"), replaced);
    }

    @Test
    void tokenAnswersAreNeverCachedWhetherGrantedOrRefusedWithTheSecurityHeaders() {
        for (Scenario s : List.of(scenario(), expired())) {
            var r = postWithRequestId(s, "obs-cache-" + UUID.randomUUID());
            assertTrue(r.statusCode() == 200 || r.statusCode() == 401, r.body());
            assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""), r.body());
            assertEquals("no-cache", r.headers().firstValue("Pragma").orElse(""), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            assertEquals(
                    "nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""));
            assertEquals(
                    "no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""));
            assertEquals(
                    "default-src 'none'; frame-ancestors 'none'",
                    r.headers().firstValue("Content-Security-Policy").orElse(""));
        }
    }

    @Test
    void hostileRequestIdIsReplacedByAGeneratedOne() {
        var r = ItServer.send(HttpRequest.newBuilder(URI.create(ItServer.BASE + "/oidc/jwks"))
                .header("X-Request-Id", "bad id\twith<script>")
                .build());
        String id = r.headers().firstValue("X-Request-Id").orElseThrow(() -> new AssertionError("no X-Request-Id"));
        assertTrue(id.matches("[A-Za-z0-9._:-]{1,64}"), id);
    }

    @Test
    void decisionsAreCountedAndTimedInMetrics() {
        assertEquals(200, postWithRequestId(scenario(), "obs-metrics-ok").statusCode());
        assertEquals(401, postWithRequestId(expired(), "obs-metrics-refused").statusCode());
        String metrics = get("/metrics", null).body();
        assertTrue(
                Pattern.compile("token_requests_total\\{[^}]*outcome=\"granted\"")
                        .matcher(metrics)
                        .find(),
                "granted counter");
        assertTrue(
                Pattern.compile("token_requests_total\\{[^}]*reason=\"assertion_expired\"")
                        .matcher(metrics)
                        .find(),
                "refused counter");
        assertTrue(metrics.contains("token_latency_seconds_bucket"), "latency histogram");
        assertTrue(metrics.contains("trust_source_age_seconds"), "trust age");
    }

    static Map<String, Object> auditLine(String requestId) throws Exception {
        for (int i = 0; i < 300; i++) {
            for (String line :
                    Files.readAllLines(LOGS.resolve("messages.log"), java.nio.charset.StandardCharsets.ISO_8859_1)) {
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
        for (String reason : ProfileReasons.ALL) {
            assertTrue(r.body().contains(reason), reason);
        }
    }

    @Test
    void securityHeadersAndNoServerBanner() {
        for (String path : List.of(
                "/oidc/jwks",
                "/.well-known/oauth-authorization-server",
                "/nope",
                "/api/sample/whoami",
                "/health/ready",
                "/metrics")) {
            var r = get(path, null);
            assertEquals(
                    "nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), path);
            assertEquals(
                    "no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), path);
            assertEquals(
                    "default-src 'none'; frame-ancestors 'none'",
                    r.headers().firstValue("Content-Security-Policy").orElse(""),
                    path);
            assertFalse(r.headers().firstValue("Server").isPresent(), path);
            assertFalse(r.headers().firstValue("X-Powered-By").isPresent(), path);
        }
    }

    @Test
    void unlistedMethodOnTheTokenEndpointIsAJson405() {
        var delete = ItServer.send(HttpRequest.newBuilder(URI.create(ItServer.TOKEN))
                .method("DELETE", HttpRequest.BodyPublishers.noBody())
                .build());
        assertEquals(405, delete.statusCode());
        assertEquals("invalid_request", ItServer.json(delete).get("error"));
        assertEquals("method_not_allowed", ItServer.json(delete).get("reason"));
    }
}
