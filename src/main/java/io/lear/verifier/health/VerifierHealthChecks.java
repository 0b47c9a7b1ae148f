package io.lear.verifier.health;

import io.lear.verifier.AuthorizationServer;
import io.lear.verifier.client.RedisReplayGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/** MicroProfile Health: ready once a signing key and usable trust data are loaded. */
@ApplicationScoped
public class VerifierHealthChecks {
    @Inject
    AuthorizationServer server;

    @Produces
    @Readiness
    HealthCheck readiness() {
        return () -> {
            boolean keys = server.keys() != null && server.keys().activeKeyId() != null;
            boolean trust = server.trust() != null && server.trust().isReady();
            boolean replay = !(server.replay() instanceof RedisReplayGuard redis) || redis.isReachable();
            return HealthCheckResponse.named("lear-verifier-ready").status(keys && trust && replay)
                    .withData("signing-key", keys).withData("trust", trust).withData("replay-store", replay)
                    .withData("crypto-provider", String.valueOf(server.cryptoProvider())).build();
        };
    }

    @Produces
    @Liveness
    HealthCheck liveness() {
        return () -> HealthCheckResponse.up("lear-verifier-live");
    }

    @Produces
    @Startup
    HealthCheck started() {
        return () -> HealthCheckResponse.named("lear-verifier-started").status(server.config() != null).build();
    }
}
