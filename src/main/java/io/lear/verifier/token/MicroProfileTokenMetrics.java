package io.lear.verifier.token;

import io.lear.verifier.client.ReplayGuard;
import io.lear.verifier.trust.RefreshingSource;
import io.lear.verifier.trust.StatusLists;
import io.lear.verifier.trust.TrustSetup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Prometheus metrics (profile §13) at {@code /metrics} through MicroProfile Metrics: token decisions by outcome and
 * reason, a token latency histogram, trust and status list age and fetch failures, replay store state. On a server
 * without MicroProfile Metrics (WildFly) CDI cannot load this class and defines no bean for it (Weld: WELD-000119),
 * so {@link TokenAudit} finds no {@link TokenMetrics} and records none.
 */
@ApplicationScoped
public class MicroProfileTokenMetrics implements TokenMetrics {
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    TrustSetup trust;

    @Inject
    ReplayGuard replay;

    private Timer latency;

    @PostConstruct
    void register() {
        latency = registry.timer(Metadata.builder()
                .withName("token_latency")
                .withDescription("Time to decide a token request")
                .build());
        for (RefreshingSource<?> s : trust.sources()) {
            Tag source = new Tag("source", s.name());
            registry.gauge(
                    Metadata.builder()
                            .withName("trust_source_age_seconds")
                            .withDescription("Age of the cached trust document (-1: none)")
                            .build(),
                    s,
                    RefreshingSource::ageSeconds,
                    source);
            registry.gauge(
                    Metadata.builder()
                            .withName("trust_source_fetch_failures")
                            .withDescription("Failed loads of the trust document")
                            .build(),
                    s,
                    RefreshingSource::failures,
                    source);
        }
        var lists = trust.statusLists();
        registry.gauge(Metadata.builder().withName("status_lists_cached").build(), lists, StatusLists::cachedCount);
        registry.gauge(
                Metadata.builder()
                        .withName("status_list_max_age_seconds")
                        .withDescription("Age of the oldest cached status list")
                        .build(),
                lists,
                StatusLists::maxAgeSeconds);
        registry.gauge(
                Metadata.builder().withName("status_list_fetch_failures").build(), lists, StatusLists::fetchFailures);
        replay.gauges()
                .forEach((gauge, value) -> registry.gauge(
                        Metadata.builder()
                                .withName(gauge.name())
                                .withDescription(gauge.description())
                                .build(),
                        value,
                        LongSupplier::getAsLong));
    }

    @Override
    public void record(String outcome, String reason, String credentialType, long startedNanos) {
        registry.counter(
                        "token_requests",
                        new Tag("outcome", outcome),
                        new Tag("reason", reason),
                        new Tag("credential_type", credentialType))
                .inc();
        latency.update(Duration.ofNanos(System.nanoTime() - startedNanos));
    }
}
