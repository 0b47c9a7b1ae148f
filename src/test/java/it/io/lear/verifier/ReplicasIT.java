package it.io.lear.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.testsupport.DpopProofs;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestPki;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two verifier replicas (the runnable jar, on 127.0.0.1) behind one issuer URL, sharing one Redis
 * replay store and one key set in which each replica has a different active key: a replay at the
 * other replica is refused, tokens validate at either replica's sample API, and a Redis outage
 * fails closed (503, readiness down) and heals by itself.
 */
class ReplicasIT {
    private static final String ISSUER = "https://verifier.example.org";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static Process redis;
    private static int redisPort;
    private static String a;
    private static String b;

    @BeforeAll
    static void start() throws Exception {
        Path work = Path.of("target", "replicas");
        if (Files.exists(work)) {
            // The runnable jar refuses to extract over an earlier run's directory.
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(work);
        redisPort = freePort();
        startRedis();
        Path demo = Path.of(System.getProperty("it.env.dir", "target/demo"));
        Path keys = work.resolve("keys.json");
        Files.writeString(keys, twoKeys());
        List<String> kids = kids(Files.readString(keys));
        int portA = freePort();
        int portB = freePort();
        a = "http://127.0.0.1:" + portA;
        b = "http://127.0.0.1:" + portB;
        for (int i = 0; i < 2; i++) {
            int port = i == 0 ? portA : portB;
            ProcessBuilder pb = new ProcessBuilder(
                    javaBin(),
                    "-Xmx256m",
                    "-jar",
                    Path.of(System.getProperty("it.jar", "target/lear-verifier.jar"))
                            .toAbsolutePath()
                            .toString());
            Map<String, String> env = pb.environment();
            env.put("HTTP_PORT", String.valueOf(port));
            env.put(
                    "WLP_JAR_EXTRACT_DIR",
                    work.resolve("replica-" + i).toAbsolutePath().toString());
            env.put("VERIFIER_ISSUER", ISSUER);
            env.put("VERIFIER_KEYS", keys.toAbsolutePath().toString());
            env.put("VERIFIER_KEYS_ACTIVE", kids.get(i));
            env.put(
                    "VERIFIER_TRUST_ANCHORS",
                    demo.resolve("anchors.pem").toAbsolutePath().toString());
            env.put(
                    "VERIFIER_TRUST_ISSUERS",
                    demo.resolve("issuers.json").toAbsolutePath().toString());
            env.put("VERIFIER_REPLAY_STORE", "redis");
            env.put("VERIFIER_REPLAY_REDIS_URI", "redis://127.0.0.1:" + redisPort);
            pb.redirectErrorStream(true)
                    .redirectOutput(work.resolve("replica-" + i + ".log").toFile());
            PROCESSES.add(pb.start());
        }
        awaitReady(a);
        awaitReady(b);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : PROCESSES) {
            p.destroy();
        }
        for (Process p : PROCESSES) {
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (redis != null) {
            redis.destroyForcibly().waitFor();
        }
    }

    @Test
    void replayAtTheOtherReplicaIsRefusedAndTokensValidateEverywhere() throws Exception {
        Scenario s = scenario();
        String body = ItServer.tokenForm(s.machine.did(), s.assertion());
        HttpResponse<String> first = post(a, body);
        assertEquals(200, first.statusCode(), first.body());
        HttpResponse<String> replay = post(b, body);
        assertEquals(401, replay.statusCode());
        assertEquals("assertion_replayed", json(replay).get("reason"));

        String tokenFromA = (String) json(first).get("access_token");
        Scenario s2 = scenario();
        String tokenFromB = (String) json(post(b, ItServer.tokenForm(s2.machine.did(), s2.assertion())))
                .get("access_token");
        // Each replica signs with its own active key; both keys are in the shared set, so both tokens validate at both.
        assertTrue(!kid(tokenFromA).equals(kid(tokenFromB)));
        for (String replica : List.of(a, b)) {
            for (String token : List.of(tokenFromA, tokenFromB)) {
                assertEquals(200, get(replica + "/api/sample/whoami", token).statusCode(), replica);
            }
        }
    }

    @Test
    void aDpopProofUsedAtOneReplicaIsRefusedAtTheOther() throws Exception {
        // Profile §17: a proof's jti is single use per client in the shared replay store, like the assertion's.
        Scenario s = scenario();
        String proof = new DpopProofs(s.machine, ISSUER + "/oidc/token", Instant.now()).proof();
        HttpResponse<String> bound = post(a, ItServer.tokenForm(s.machine.did(), s.assertion()), proof);
        assertEquals(200, bound.statusCode(), bound.body());
        assertEquals("DPoP", json(bound).get("token_type"));
        // A fresh assertion (its own jti) with the same proof, at the other replica.
        HttpResponse<String> replayed = post(b, ItServer.tokenForm(s.machine.did(), s.assertion()), proof);
        assertEquals(400, replayed.statusCode(), replayed.body());
        assertEquals("invalid_dpop_proof", json(replayed).get("error"));
        assertEquals("dpop_proof_replayed", json(replayed).get("reason"));
    }

    @Test
    void redisOutageFailsClosedAndHeals() throws Exception {
        redis.destroyForcibly().waitFor();
        Scenario s = scenario();
        HttpResponse<String> down = post(a, ItServer.tokenForm(s.machine.did(), s.assertion()));
        assertEquals(503, down.statusCode(), down.body());
        assertEquals("temporarily_unavailable", json(down).get("error"));
        assertTrue(down.headers().firstValue("Retry-After").isPresent());
        assertEquals(503, get(a + "/health/ready", null).statusCode());

        startRedis();
        long deadline = System.currentTimeMillis() + 30_000;
        int status = 0;
        while (System.currentTimeMillis() < deadline && status != 200) {
            Thread.sleep(500);
            Scenario again = scenario();
            status = post(a, ItServer.tokenForm(again.machine.did(), again.assertion()))
                    .statusCode();
        }
        assertEquals(200, status);
        assertEquals(200, get(a + "/health/ready", null).statusCode());
    }

    private static Scenario scenario() {
        TestPki.Issued seal = ItServer.load("issuer-rsa");
        return new Scenario(
                seal, List.of(seal.x5c(), ItServer.load("intermediate").x5c()), ISSUER);
    }

    private static void startRedis() throws IOException, InterruptedException {
        redis = new ProcessBuilder(
                        "redis-server",
                        "--port",
                        String.valueOf(redisPort),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no")
                .redirectErrorStream(true)
                .redirectOutput(new File("target/replicas/redis.log"))
                .start();
        for (int i = 0; i < 300; i++) {
            try (var socket = new java.net.Socket("127.0.0.1", redisPort)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("redis-server did not start");
    }

    private static void awaitReady(String base) throws Exception {
        long deadline = System.currentTimeMillis() + 240_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (get(base + "/health/ready", null).statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(base + " did not become ready; see target/replicas/*.log");
    }

    private static String twoKeys() throws Exception {
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            keys.addAll((List<?>) JsonUtil.parseJson(io.lear.verifier.keys.SigningKeys.generateJwks())
                    .get("keys"));
        }
        return JsonUtil.toJson(Map.of("keys", keys));
    }

    private static List<String> kids(String jwks) throws Exception {
        List<String> out = new ArrayList<>();
        for (Object k : (List<?>) JsonUtil.parseJson(jwks).get("keys")) {
            out.add((String) ((Map<?, ?>) k).get("kid"));
        }
        return out;
    }

    private static String kid(String jwt) throws Exception {
        return (String) JsonUtil.parseJson(new String(
                        java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[0]),
                        java.nio.charset.StandardCharsets.UTF_8))
                .get("kid");
    }

    private static HttpResponse<String> post(String base, String body) throws Exception {
        return post(base, body, null);
    }

    private static HttpResponse<String> post(String base, String body, String dpopProof) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/oidc/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (dpopProof != null) {
            request.header("DPoP", dpopProof);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String bearer) {
        try {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            if (bearer != null) {
                r.header("Authorization", "Bearer " + bearer);
            }
            return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> json(HttpResponse<String> r) {
        try {
            return JsonUtil.parseJson(r.body());
        } catch (Exception e) {
            throw new AssertionError(r.body(), e);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
