package io.lear.verifier.client;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
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

    /**
     * All keys of one request at once, atomically in Redis: none set when any exists. One claim (a request without
     * DPoP) stays the single {@code SET NX PX} it always was.
     */
    private static final String CLAIM_ALL =
            "for i, k in ipairs(KEYS) do if redis.call('EXISTS', k) == 1 then return i end end "
                    + "for i, k in ipairs(KEYS) do redis.call('SET', k, '1', 'PX', ARGV[i]) end return 0";

    @Override
    public Optional<ReplayGuard.Claim> firstUse(String clientId, List<ReplayGuard.Claim> claims) {
        List<String> keys = new ArrayList<>(claims.size());
        List<String> ttls = new ArrayList<>(claims.size());
        for (ReplayGuard.Claim c : claims) {
            keys.add(key(c.kind().scoped(clientId), c.jti()));
            ttls.add(Long.toString(Math.max(
                    1000, Duration.between(clock.instant(), c.keepUntil()).toMillis())));
        }
        try {
            return replayed(claims, keys, ttls);
        } catch (JedisConnectionException first) {
            // After an outage the pool still holds connections Redis has closed (on an idle replica, all of
            // them): drop the idle ones and try once more on a fresh connection before refusing.
            redis.getPool().clear();
            try {
                return replayed(claims, keys, ttls);
            } catch (JedisException e) {
                throw unavailable(e);
            }
        } catch (JedisException e) {
            throw unavailable(e);
        }
    }

    private Optional<ReplayGuard.Claim> replayed(List<ReplayGuard.Claim> claims, List<String> keys, List<String> ttls) {
        if (keys.size() == 1) {
            return claim(keys.get(0), Long.parseLong(ttls.get(0))) ? Optional.empty() : Optional.of(claims.get(0));
        }
        long seenAt = ((Number) redis.eval(CLAIM_ALL, keys, ttls)).longValue();
        return seenAt == 0 ? Optional.empty() : Optional.of(claims.get((int) seenAt - 1));
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
