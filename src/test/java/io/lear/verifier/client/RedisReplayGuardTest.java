package io.lear.verifier.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.MutableClock;
import io.lear.verifier.testsupport.RedisServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/** The shared replay store against a real redis-server on 127.0.0.1 (profile §11). */
class RedisReplayGuardTest {
    private static final String CLIENT = "did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv";
    private static final String PASSWORD = "s3cret-for-tests";
    private static RedisServer server;
    private final MutableClock clock = new MutableClock(Instant.now());

    @BeforeAll
    static void startRedis() throws Exception {
        server = new RedisServer(PASSWORD);
    }

    @AfterAll
    static void stopRedis() throws Exception {
        server.close();
    }

    private RedisReplayGuard guard(String database) {
        return new RedisReplayGuard(
                "redis://:" + PASSWORD + "@127.0.0.1:" + server.port() + "/" + database, clock, Duration.ofSeconds(2));
    }

    private static JedisPooled direct(int database) {
        return new JedisPooled(
                new HostAndPort("127.0.0.1", server.port()),
                DefaultJedisClientConfig.builder()
                        .password(PASSWORD)
                        .database(database)
                        .build());
    }

    private static String unique() {
        return "jti-" + java.util.UUID.randomUUID();
    }

    @Test
    void firstUseIsGrantedAndTheSecondIsAReplay() {
        try (RedisReplayGuard g = guard("0")) {
            String jti = unique();
            assertTrue(g.firstUse(CLIENT, jti, clock.instant().plusSeconds(60)));
            assertFalse(g.firstUse(CLIENT, jti, clock.instant().plusSeconds(60)));
        }
    }

    @Test
    void theSameJtiOfAnotherClientIsNoReplay() {
        try (RedisReplayGuard g = guard("0")) {
            String jti = unique();
            assertTrue(g.firstUse(CLIENT, jti, clock.instant().plusSeconds(60)));
            assertTrue(g.firstUse(
                    "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
                    jti,
                    clock.instant().plusSeconds(60)));
        }
    }

    @Test
    void keyIsTheSha256OfClientAndJtiInTheConfiguredDatabase() {
        try (RedisReplayGuard g = guard("3");
                JedisPooled db3 = direct(3)) {
            db3.del("lear:jti:9c89feb544212949a216121020f17ba89713dc1e6661ca8e1d6c59f4d17f2a9a");
            assertTrue(g.firstUse(CLIENT, "jti-1", clock.instant().plusSeconds(60)));
            // printf 'did:key:zDnaerx…mDZpv\njti-1' | sha256sum
            assertTrue(db3.exists("lear:jti:9c89feb544212949a216121020f17ba89713dc1e6661ca8e1d6c59f4d17f2a9a"));
        }
    }

    @Test
    void entryLastsUntilTheAssertionCanNoLongerPass() {
        try (RedisReplayGuard g = guard("0");
                JedisPooled db0 = direct(0)) {
            String jti = unique();
            assertTrue(g.firstUse(CLIENT, jti, clock.instant().plusSeconds(10)));
            long pttl = db0.pttl(RedisReplayGuard.key(CLIENT, jti));
            assertTrue(pttl > 1000 && pttl <= 10_000, "PTTL " + pttl);
        }
    }

    @Test
    void entryForAnAlreadyExpiredAssertionLastsOneSecond() {
        try (RedisReplayGuard g = guard("0");
                JedisPooled db0 = direct(0)) {
            String jti = unique();
            assertTrue(g.firstUse(CLIENT, jti, clock.instant().minusSeconds(10)));
            long pttl = db0.pttl(RedisReplayGuard.key(CLIENT, jti));
            assertTrue(pttl > 0 && pttl <= 1000, "PTTL " + pttl);
        }
    }

    @Test
    void wrongPasswordFailsClosed() {
        try (RedisReplayGuard g =
                new RedisReplayGuard("redis://:wrong@127.0.0.1:" + server.port(), clock, Duration.ofSeconds(2))) {
            OAuthException e = assertThrows(OAuthException.class, () -> g.firstUse(CLIENT, unique(), clock.instant()));
            assertEquals(Reason.REPLAY_STORE_UNAVAILABLE, e.reason());
            assertFalse(g.isReachable());
        }
    }

    @Test
    void outageFailsClosedWithRetryAfterAndHealsWhenRedisIsBack() throws Exception {
        try (RedisReplayGuard g = guard("0")) {
            assertTrue(g.isReachable());
            assertTrue(g.firstUse(CLIENT, unique(), clock.instant().plusSeconds(60)));
            server.stop();
            try {
                OAuthException e =
                        assertThrows(OAuthException.class, () -> g.firstUse(CLIENT, unique(), clock.instant()));
                assertEquals(Reason.REPLAY_STORE_UNAVAILABLE, e.reason());
                assertEquals(503, e.status());
                assertEquals(5, e.retryAfterSeconds());
                assertEquals(1, g.errors());
                assertEquals(
                        1L,
                        g.gauges()
                                .get(new ReplayGuard.Gauge("replay_store_errors", "Replay store (Redis) failures"))
                                .getAsLong());
                assertFalse(g.isReachable());
            } finally {
                server.start();
            }
            // The pool's connections died with the server: the first use after the outage still succeeds.
            assertTrue(g.firstUse(CLIENT, unique(), clock.instant().plusSeconds(60)));
        }
    }

    @Test
    void afterAnOutageEveryIdleConnectionIsDroppedNotJustOne() throws Exception {
        try (RedisReplayGuard g = guard("0")) {
            // Eight concurrent claims leave eight idle connections in the pool.
            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            var start = new java.util.concurrent.CountDownLatch(1);
            var claims = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 8; i++) {
                claims.add(pool.submit(() -> {
                    start.await();
                    return g.firstUse(CLIENT, unique(), clock.instant().plusSeconds(60));
                }));
            }
            start.countDown();
            for (var c : claims) {
                assertTrue(c.get());
            }
            pool.shutdown();
            server.stop();
            server.start();
            assertTrue(g.firstUse(CLIENT, unique(), clock.instant().plusSeconds(60)));
        }
    }

    @Test
    void aClosedStoreFailsClosed() {
        RedisReplayGuard g = guard("0");
        g.close();
        assertEquals(
                Reason.REPLAY_STORE_UNAVAILABLE,
                assertThrows(OAuthException.class, () -> g.firstUse(CLIENT, unique(), clock.instant()))
                        .reason());
    }

    @Test
    void aReplayIsRecognisedOnTheRetryAfterDroppedConnections() {
        try (RedisReplayGuard g = guard("0");
                JedisPooled admin = direct(0)) {
            String jti = unique();
            assertTrue(g.firstUse(CLIENT, jti, clock.instant().plusSeconds(60)));
            // Redis closes every client connection (as after a failover) but keeps its data.
            admin.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "KILL", "TYPE", "normal");
            assertFalse(g.firstUse(CLIENT, jti, clock.instant().plusSeconds(60)));
        }
    }

    @Test
    void theJtisOfOneRequestAreClaimedTogetherOrNotAtAll() {
        try (RedisReplayGuard g = guard("0")) {
            ReplayClaimsContract.check(g, CLIENT + unique(), clock.instant().plusSeconds(60));
        }
    }

    @Test
    void assertionKeysAreTheKeysOfEarlierReleasesAndProofKeysDiffer() {
        assertEquals(
                RedisReplayGuard.key(CLIENT, "j"),
                RedisReplayGuard.key(ReplayGuard.Kind.ASSERTION.scoped(CLIENT), "j"));
        assertFalse(RedisReplayGuard.key(CLIENT, "j")
                .equals(RedisReplayGuard.key(ReplayGuard.Kind.DPOP_PROOF.scoped(CLIENT), "j")));
    }
}
