package it.io.lear.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.testsupport.DpopProofs;
import io.lear.verifier.testsupport.RedisServer;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.ServerProcess;
import io.lear.verifier.testsupport.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
    private static final List<ServerProcess> REPLICAS = new ArrayList<>();
    private static RedisServer redis;
    private static String a;
    private static String b;

    @BeforeAll
    static void start() throws Exception {
        Path work = Path.of("target", "replicas").toAbsolutePath();
        ServerProcess.deleteTree(work); // the runnable jar refuses to extract over an earlier run's directory
        Files.createDirectories(work);
        redis = new RedisServer(null, work.resolve("redis.log"));
        Path demo = Path.of(System.getProperty("it.env.dir", "target/demo")).toAbsolutePath();
        Path keys = work.resolve("keys.json");
        Files.writeString(keys, twoKeys());
        List<String> kids = kids(Files.readString(keys));
        List<String> bases = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int port = ServerProcess.freePort();
            Map<String, String> env = new HashMap<>();
            env.put("HTTP_PORT", String.valueOf(port));
            env.put("WLP_JAR_EXTRACT_DIR", work.resolve("replica-" + i).toString());
            env.put("VERIFIER_ISSUER", ISSUER);
            env.put("VERIFIER_KEYS", keys.toString());
            env.put("VERIFIER_KEYS_ACTIVE", kids.get(i));
            env.put("VERIFIER_TRUST_ANCHORS", demo.resolve("anchors.pem").toString());
            env.put("VERIFIER_TRUST_ISSUERS", demo.resolve("issuers.json").toString());
            env.put("VERIFIER_REPLAY_STORE", "redis");
            env.put("VERIFIER_REPLAY_REDIS_URI", "redis://127.0.0.1:" + redis.port());
            REPLICAS.add(
                    ServerProcess.start(ServerProcess.runnableJar(), env, work, work.resolve("replica-" + i + ".log")));
            bases.add("http://127.0.0.1:" + port);
        }
        a = bases.get(0);
        b = bases.get(1);
        REPLICAS.get(0).awaitOk(a + "/health/ready");
        REPLICAS.get(1).awaitOk(b + "/health/ready");
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServerProcess replica : REPLICAS) {
            replica.close();
        }
        if (redis != null) {
            redis.close();
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
        redis.stop();
        Scenario s = scenario();
        HttpResponse<String> down = post(a, ItServer.tokenForm(s.machine.did(), s.assertion()));
        assertEquals(503, down.statusCode(), down.body());
        assertEquals("temporarily_unavailable", json(down).get("error"));
        assertTrue(down.headers().firstValue("Retry-After").isPresent());
        assertEquals(503, get(a + "/health/ready", null).statusCode());

        redis.start();
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
}
