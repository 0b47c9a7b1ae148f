package io.lear.verifier.health;

import io.lear.verifier.client.ReplayGuard;
import io.lear.verifier.config.NativeCrypto;
import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.keys.SigningKeys;
import io.lear.verifier.trust.TrustSetup;
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
    VerifierConfig config;

    @Inject
    SigningKeys keys;

    @Inject
    TrustSetup trust;

    @Inject
    ReplayGuard replay;

    @Inject
    NativeCrypto.Active cryptoProvider;

    @Produces
    @Readiness
    HealthCheck readiness() {
        return () -> {
            boolean signing = keys != null && keys.activeKeyId() != null;
            boolean trusted = trust != null && trust.isReady();
            boolean replayStore = replay.isReachable();
            return HealthCheckResponse.named("lear-verifier-ready")
                    .status(signing && trusted && replayStore)
                    .withData("signing-key", signing)
                    .withData("trust", trusted)
                    .withData("replay-store", replayStore)
                    .withData("crypto-provider", String.valueOf(cryptoProvider == null ? null : cryptoProvider.name()))
                    .build();
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
        return () -> HealthCheckResponse.named("lear-verifier-started")
                .status(config != null)
                .build();
    }
}
