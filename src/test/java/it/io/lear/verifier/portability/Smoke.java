package it.io.lear.verifier.portability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.demo.DemoEnvironment;
import io.lear.verifier.testsupport.DpopProofs;
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
import java.util.List;
import org.jose4j.json.JsonUtil;

/**
 * What every server must do with the unmodified WAR: both metadata documents, JWKS, a token for the demo machine,
 * the sample API (200 with the token, 401 without one, 403 without the power), readiness and the security headers.
 */
final class Smoke {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> SECURITY_HEADERS =
            List.of("X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Content-Security-Policy");

    private Smoke() {}

    /**
     * @param base the application's base URL (also the verifier's issuer)
     * @param readiness the readiness URL, wherever the server puts it
     * @param metrics the Prometheus URL where the server has MicroProfile Metrics, else null
     */
    static void run(String base, String readiness, String metrics) throws Exception {
        for (String doc : List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration")) {
            HttpResponse<String> r = get(base + doc, null);
            assertEquals(200, r.statusCode(), doc + ": " + r.body());
            assertEquals(base + "/oidc/token", JsonUtil.parseJson(r.body()).get("token_endpoint"), doc);
            assertSecurityHeaders(r, doc);
        }
        HttpResponse<String> jwks = get(base + "/oidc/jwks", null);
        assertEquals(200, jwks.statusCode());
        assertFalse(((List<?>) JsonUtil.parseJson(jwks.body()).get("keys")).isEmpty());

        DemoEnvironment env = new DemoEnvironment(Path.of(System.getProperty("it.env.dir", "target/demo")));
        TestPki.Issued seal = env.load("issuer-rsa");
        List<String> chain = List.of(seal.x5c(), env.load("intermediate").x5c());
        String withPower = token(new Scenario(seal, chain, base));
        Scenario powerless = new Scenario(seal, chain, base);
        powerless.withOnlyPower("DOME", "ProductOffering", "Create");
        String withoutPower = token(powerless);

        HttpResponse<String> whoami = get(base + "/api/sample/whoami", withPower);
        assertEquals(200, whoami.statusCode(), whoami.body());
        assertTrue(whoami.body().contains("VATES-B60645900"), whoami.body());
        assertEquals(200, get(base + "/api/sample/onboarding", withPower).statusCode());
        HttpResponse<String> anonymous = get(base + "/api/sample/whoami", null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(
                anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                "401 challenge: " + anonymous.headers().map());
        assertEquals(401, get(base + "/api/sample/onboarding", null).statusCode());
        assertEquals(401, get(base + "/api/sample/whoami", "not.a.token").statusCode());
        String[] parts = withPower.split("\\.");
        String badSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertEquals(401, get(base + "/api/sample/whoami", badSignature).statusCode());
        assertEquals(200, get(base + "/api/sample/whoami", withoutPower).statusCode());
        assertEquals(403, get(base + "/api/sample/onboarding", withoutPower).statusCode());
        dpop(new Scenario(seal, chain, base), base);

        HttpResponse<String> ready = get(readiness, null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("UP", JsonUtil.parseJson(ready.body()).get("status"));
        if (metrics != null) {
            HttpResponse<String> m = get(metrics, null);
            assertEquals(200, m.statusCode());
            assertTrue(m.body().contains("token_requests"), "token decisions counted in " + metrics);
        }
    }

    /** No SLF4J "no binding" warning: the libraries' log records reach the server's log. */
    static void assertQuiet(String console) {
        assertFalse(console.contains("SLF4J:"), "SLF4J warnings on the console");
    }

    /**
     * Profile §17 on this server: a DPoP-bound token works at the sample API with the DPoP scheme and a proof of the
     * machine's key; the token alone, as Bearer or without a proof, gets 401.
     */
    private static void dpop(Scenario s, String base) throws Exception {
        String token = token(s, new DpopProofs(s.machine, base + "/oidc/token", Instant.now()).proof());
        String whoami = base + "/api/sample/whoami";
        DpopProofs proof = new DpopProofs(s.machine, whoami, Instant.now());
        proof.htm = "GET";
        proof.accessToken = token;
        HttpResponse<String> bound = HTTP.send(
                HttpRequest.newBuilder(URI.create(whoami))
                        .header("Authorization", "DPoP " + token)
                        .header("DPoP", proof.proof())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, bound.statusCode(), "DPoP call: " + bound.body());
        assertTrue(bound.body().contains(s.machine.did()), bound.body());
        assertEquals(401, get(whoami, token).statusCode(), "a DPoP-bound token sent as Bearer");
        HttpResponse<String> noProof = HTTP.send(
                HttpRequest.newBuilder(URI.create(whoami))
                        .header("Authorization", "DPoP " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, noProof.statusCode(), "a DPoP call without a proof");
    }

    private static String token(Scenario s) throws Exception {
        return token(s, null);
    }

    private static String token(Scenario s, String dpopProof) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + enc(s.machine.did())
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + enc(s.assertion());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.audience + "/oidc/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (dpopProof != null) {
            b.header("DPoP", dpopProof);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertSecurityHeaders(r, "/oidc/token");
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        return (String) JsonUtil.parseJson(r.body()).get("access_token");
    }

    private static void assertSecurityHeaders(HttpResponse<String> r, String what) {
        for (String h : SECURITY_HEADERS) {
            assertTrue(r.headers().firstValue(h).isPresent(), what + " lacks " + h);
        }
    }

    private static HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
