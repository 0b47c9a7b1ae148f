package it.io.lear.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

/**
 * `java -jar` extracts the server afresh at every start: with {@code VERIFIER_KEYS_DEV_DIR} the development key
 * lives outside the extraction, so a restart signs with the same key and no copy is left in the extraction.
 */
class RunnableJarRestartIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void restartKeepsTheDevelopmentKey() throws Exception {
        Path work = Path.of("target", "jar-restart").toAbsolutePath();
        deleteTree(work);
        Path devDir = work.resolve("dev-keys");
        String first = kidOfAFreshStart(work, devDir, "first");
        String second = kidOfAFreshStart(work, devDir, "second");
        assertEquals(first, second);
        assertTrue(Files.exists(devDir.resolve("lear-verifier-dev-keys.json")));
        try (var files = Files.walk(work.resolve("extract-first"))) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().equals("lear-verifier-dev-keys.json")),
                    "no key copy in the extraction");
        }
    }

    private static String kidOfAFreshStart(Path work, Path devDir, String name) throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path demo = Path.of(System.getProperty("it.env.dir", "target/demo")).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", Path.of(System.getProperty("it.jar", "target/lear-verifier.jar")).toAbsolutePath().toString());
        Map<String, String> env = pb.environment();
        env.put("HTTP_PORT", String.valueOf(port));
        env.put("WLP_JAR_EXTRACT_DIR", work.resolve("extract-" + name).toString());
        env.put("VERIFIER_KEYS_DEV_DIR", devDir.toString());
        env.put("VERIFIER_TRUST_ANCHORS", demo.resolve("anchors.pem").toString());
        env.put("VERIFIER_TRUST_ISSUERS", demo.resolve("issuers.json").toString());
        env.remove("VERIFIER_KEYS");
        Files.createDirectories(work);
        pb.redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile());
        Process p = pb.start();
        try {
            String jwks = awaitJwks("http://127.0.0.1:" + port + "/oidc/jwks");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> keys = (List<Map<String, Object>>) JsonUtil.parseJson(jwks).get("keys");
            return (String) keys.get(0).get("kid");
        } finally {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private static String awaitJwks(String url) throws Exception {
        long deadline = System.currentTimeMillis() + 240_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body();
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(url + " did not answer; see target/jar-restart/*.log");
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
