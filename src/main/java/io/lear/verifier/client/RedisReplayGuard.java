package io.lear.verifier.client;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The replay store shared by replicas (profile §11): {@code SET key 1 NX PX ttl} claims a jti
 * atomically, for exactly as long as the assertion could still pass the time checks. When Redis
 * cannot answer the request fails closed (503) rather than open a replay window; the pool
 * reconnects by itself when Redis is back.
 */
public final class RedisReplayGuard implements ReplayGuard, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RedisReplayGuard.class.getName());
    private static final int RETRY_AFTER_SECONDS = 5;

    private final JedisPooled redis;
    private final Clock clock;
    private final AtomicLong errors = new AtomicLong();

    public RedisReplayGuard(String uri, Clock clock, Duration timeout) {
        URI u = URI.create(uri);
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) timeout.toMillis())
                .socketTimeoutMillis((int) timeout.toMillis())
                .ssl("rediss".equals(u.getScheme()));
        if (u.getUserInfo() != null) {
            String[] userPass = u.getUserInfo().split(":", 2);
            if (userPass.length == 2) {
                config.user(userPass[0].isEmpty() ? null : userPass[0]).password(userPass[1]);
            } else {
                config.password(userPass[0]);
            }
        }
        String path = u.getPath() == null ? "" : u.getPath().replace("/", "");
        if (!path.isEmpty()) {
            config.database(Integer.parseInt(path));
        }
        this.redis =
                new JedisPooled(new HostAndPort(u.getHost(), u.getPort() > 0 ? u.getPort() : 6379), config.build());
        this.clock = clock;
    }

    @Override
    public boolean firstUse(String clientId, String jti, Instant keepUntil) {
        long ttl = Math.max(1000, Duration.between(clock.instant(), keepUntil).toMillis());
        String key = key(clientId, jti);
        try {
            return claim(key, ttl);
        } catch (JedisConnectionException first) {
            // After an outage the pool still holds connections Redis has closed (on an idle replica, all of
            // them): drop the idle ones and try once more on a fresh connection before refusing.
            redis.getPool().clear();
            try {
                return claim(key, ttl);
            } catch (JedisException e) {
                throw unavailable(e);
            }
        } catch (JedisException e) {
            throw unavailable(e);
        }
    }

    private boolean claim(String key, long ttlMillis) {
        return "OK".equals(redis.set(key, "1", SetParams.setParams().nx().px(ttlMillis)));
    }

    private OAuthException unavailable(JedisException e) {
        errors.incrementAndGet();
        LOG.warning("replay store (Redis) unavailable: " + e.getClass().getSimpleName());
        return OAuthException.unavailable(
                Reason.REPLAY_STORE_UNAVAILABLE, "replay store is temporarily unavailable", RETRY_AFTER_SECONDS);
    }

    /** Fixed-length keys whatever the client sends as jti. */
    static String key(String clientId, String jti) {
        return "lear:jti:" + HexFormat.of().formatHex(ReplayKey.digest(clientId, jti));
    }

    @Override
    public boolean isReachable() {
        try {
            return "PONG".equalsIgnoreCase(redis.ping());
        } catch (JedisException e) {
            return false;
        }
    }

    @Override
    public java.util.Map<Gauge, java.util.function.LongSupplier> gauges() {
        return java.util.Map.of(new Gauge("replay_store_errors", "Replay store (Redis) failures"), this::errors);
    }

    public long errors() {
        return errors.get();
    }

    @Override
    public void close() {
        redis.close();
    }
}
