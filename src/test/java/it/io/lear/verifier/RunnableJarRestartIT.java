package it.io.lear.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.testsupport.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as an operator starts it. `java -jar` extracts the server afresh at every start: with
 * {@code VERIFIER_KEYS_DEV_DIR} the development key lives outside the extraction, so a restart signs with the same
 * key and no copy is left in the extraction. Its console and every file it writes stay free of the bearer tokens the
 * sample API rejects (profile §13), trace files included.
 */
class RunnableJarRestartIT {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void restartKeepsTheDevelopmentKey() throws Exception {
        Path work = Path.of("target", "jar-restart").toAbsolutePath();
        ServerProcess.deleteTree(work);
        Path devDir = work.resolve("dev-keys");
        String first = kidOfAFreshStart(work, devDir, "first", base -> {});
        String second = kidOfAFreshStart(work, devDir, "second", base -> {});
        assertEquals(first, second);
        assertTrue(Files.exists(devDir.resolve("lear-verifier-dev-keys.json")));
        try (var files = Files.walk(work.resolve("extract-first"))) {
            assertFalse(
                    files.anyMatch(p -> p.getFileName().toString().equals("lear-verifier-dev-keys.json")),
                    "no key copy in the extraction");
        }
    }

    @Test
    void rejectedBearerTokensReachNeitherTheConsoleNorAnyFile() throws Exception {
        Path work = Path.of("target", "jar-logs").toAbsolutePath();
        ServerProcess.deleteTree(work);
        List<String> rejected = new java.util.ArrayList<>();
        kidOfAFreshStart(work, work.resolve("dev-keys"), "logs", base -> {
            for (String token : rejectedTokens(base)) {
                rejected.add(token);
                assertEquals(
                        401,
                        HTTP.send(
                                        HttpRequest.newBuilder(URI.create(base + "/api/sample/whoami"))
                                                .header("Authorization", "Bearer " + token)
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode());
            }
        });
        List<String> holding = new java.util.ArrayList<>();
        try (var files = Files.walk(work)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(ServerProcess::writtenByServer)
                    .toList()) {
                String text = Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (rejected.stream()
                        .anyMatch(t -> text.contains(t.substring(t.indexOf('.') + 1, t.indexOf('.') + 41)))) {
                    holding.add(work.relativize(f).toString());
                }
            }
        }
        assertEquals(List.of(), holding, "files (logs/console included) that quote a rejected token");
    }

    /**
     * Tokens the sample API must refuse, for the verifier's issuer and audience so that Liberty gets as far as the
     * signature: random signature bytes under the verifier's key id, an unknown key id, no signature part. Their
     * payloads are unique, so a match in a file can only be a quote.
     */
    private static List<String> rejectedTokens(String base) throws Exception {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String kid = kidOf(HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/oidc/jwks")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        long now = System.currentTimeMillis() / 1000;
        List<String> tokens = new java.util.ArrayList<>();
        for (String headerKid : List.of(kid, "not-a-key-of-this-verifier")) {
            String header = "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"" + headerKid + "\"}";
            String payload =
                    "{\"iss\":\"http://localhost:9080\",\"sub\":\"did:key:zDnaeQuoted" + java.util.UUID.randomUUID()
                            + "\",\"aud\":\"http://localhost:9080\",\"upn\":\"machine\",\"groups\":[\"learcredential.machine\"],"
                            + "\"iat\":" + now + ",\"exp\":" + (now + 600) + ",\"jti\":\"" + java.util.UUID.randomUUID()
                            + "\"}";
            byte[] signature = new byte[64];
            new java.security.SecureRandom().nextBytes(signature);
            tokens.add(b64.encodeToString(header.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(signature));
        }
        tokens.add(tokens.get(0).substring(0, tokens.get(0).lastIndexOf('.')));
        return tokens;
    }

    @SuppressWarnings("unchecked")
    private static String kidOf(String jwks) throws Exception {
        List<Map<String, Object>> keys =
                (List<Map<String, Object>>) JsonUtil.parseJson(jwks).get("keys");
        return (String) keys.get(0).get("kid");
    }

    /** While the server runs, {@code duringRun} gets its base URL; the server is stopped before this returns. */
    private static String kidOfAFreshStart(Path work, Path devDir, String name, WhileRunning duringRun)
            throws Exception {
        int port = ServerProcess.freePort();
        Path demo = Path.of(System.getProperty("it.env.dir", "target/demo")).toAbsolutePath();
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_PORT", String.valueOf(port));
        env.put("WLP_JAR_EXTRACT_DIR", work.resolve("extract-" + name).toString());
        env.put("VERIFIER_KEYS_DEV_DIR", devDir.toString());
        env.put("VERIFIER_TRUST_ANCHORS", demo.resolve("anchors.pem").toString());
        env.put("VERIFIER_TRUST_ISSUERS", demo.resolve("issuers.json").toString());
        env.put("VERIFIER_KEYS", null); // the development key, not one the environment names
        Files.createDirectories(work);
        String base = "http://127.0.0.1:" + port;
        try (ServerProcess server =
                ServerProcess.start(ServerProcess.runnableJar(), env, work, work.resolve(name + ".log"))) {
            String kid = kidOf(server.awaitOk(base + "/oidc/jwks"));
            duringRun.accept(base);
            return kid;
        }
    }

    @FunctionalInterface
    private interface WhileRunning {
        void accept(String baseUrl) throws Exception;
    }
}
