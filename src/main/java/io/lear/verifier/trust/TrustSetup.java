package io.lear.verifier.trust;

import io.lear.verifier.config.ConfigurationException;
import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.keys.DidKeyResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/** Builds every trust component from the configuration (profile §7), with one shared fetcher. */
public final class TrustSetup {
    private final Fetcher fetcher;
    private final TrustAnchors anchors;
    private final IssuerSignatures issuerSignatures;
    private final TrustedIssuers trustedIssuers;
    private final Optional<Participants> participants;
    private final Optional<RegisteredClients> clients;
    private final StatusLists statusLists;
    private final List<RefreshingSource<?>> sources = new ArrayList<>();

    private final boolean hasIssuerSource;
    private final Executor refresher;

    public TrustSetup(VerifierConfig config, Clock clock, DidKeyResolver dids) {
        this(config, clock, dids, TrustRefresher.create());
    }

    /** With the executor that runs background refreshes (tests pass one they control). */
    public TrustSetup(VerifierConfig config, Clock clock, DidKeyResolver dids, Executor refresher) {
        this.refresher = refresher;
        fetcher = new Fetcher(config.fetchTimeout(), config.fetchAllowHttp());
        anchors = TrustAnchors.load(config.trustAnchors());
        issuerSignatures = new IssuerSignatures(new CertificateChainValidator(anchors, config.clockSkew()), dids);

        List<TrustedIssuers> issuerSources = new ArrayList<>();
        config.trustedIssuers().ifPresent(location -> {
            RefreshingSource<Map<String, List<TrustedIssuer>>> s = trustSource(
                    config,
                    clock,
                    "verifier.trust.issuers",
                    location,
                    "application/json",
                    TrustedIssuersDocument::parse);
            issuerSources.add(new TrustedIssuersList(s));
        });
        config.tirUrl()
                .ifPresent(base -> issuerSources.add(new TirTrustedIssuers(
                        base, fetcher, clock, config.trustRefresh(), config.trustMaxStaleness(), refresher)));
        trustedIssuers = new CompositeTrustedIssuers(issuerSources);
        hasIssuerSource = !issuerSources.isEmpty();

        participants = config.participants()
                .map(location -> new Participants(trustSource(
                        config,
                        clock,
                        "verifier.trust.participants",
                        location,
                        "application/json",
                        Participants::parse)));
        clients = config.clients()
                .map(location -> new RegisteredClients(trustSource(
                        config,
                        clock,
                        "verifier.clients",
                        location,
                        "application/yaml, text/yaml, */*;q=0.5",
                        RegisteredClients::parse)));

        Optional<RefreshingSource<Set<String>>> legacy = config.revocationList().map(location -> {
            checkLocation(config, "verifier.revocation.list", location);
            RefreshingSource<Set<String>> s = new RefreshingSource<>(
                    "revoked credentials list",
                    parsed(
                            TrustDocuments.text(location, fetcher, "application/yaml, */*;q=0.5"),
                            StatusLists::parseLegacy),
                    clock,
                    config.revocationRefresh(),
                    config.revocationMaxStaleness(),
                    refresher);
            sources.add(s);
            return s;
        });
        statusLists = new StatusLists(
                fetcher,
                issuerSignatures,
                clock,
                config.revocationRefresh(),
                config.revocationMaxStaleness(),
                config.clockSkew(),
                refresher,
                legacy);
    }

    public TrustAnchors anchors() {
        return anchors;
    }

    /** Verifies issuer signatures of credentials and status lists (x5c path or did:key). */
    public IssuerSignatures issuerSignatures() {
        return issuerSignatures;
    }

    public TrustedIssuers trustedIssuers() {
        return trustedIssuers;
    }

    /** The trusted participants list, when configured. */
    public Optional<Participants> participants() {
        return participants;
    }

    /** The registered clients list, when configured. */
    public Optional<RegisteredClients> clients() {
        return clients;
    }

    public StatusLists statusLists() {
        return statusLists;
    }

    /** Every document source with a staleness limit, for readiness and metrics. */
    public List<RefreshingSource<?>> sources() {
        return List.copyOf(sources);
    }

    private <T> RefreshingSource<T> trustSource(
            VerifierConfig config, Clock clock, String key, String location, String accept, Parser<T> parser) {
        checkLocation(config, key, location);
        RefreshingSource<T> s = new RefreshingSource<>(
                key,
                parsed(TrustDocuments.text(location, fetcher, accept), parser),
                clock,
                config.trustRefresh(),
                config.trustMaxStaleness(),
                refresher);
        sources.add(s);
        return s;
    }

    private void checkLocation(VerifierConfig config, String key, String location) {
        if (TrustDocuments.isUrl(location)) {
            if (!fetcher.permits(location)) {
                throw new ConfigurationException(
                        key, "must be an https URL (http only with verifier.fetch.allow-http=true)");
            }
        } else if (!Files.isReadable(Path.of(location))) {
            throw new ConfigurationException(key, "cannot read " + location);
        }
    }

    /** Parses a document's text. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text) throws Exception;
    }

    private static <T> RefreshingSource.Loader<T> parsed(RefreshingSource.Loader<String> text, Parser<T> parser) {
        return () -> parser.parse(text.load());
    }

    /** Loads every source once, so that start-up reports broken local files and readiness starts true. */
    public void warmUp() {
        for (RefreshingSource<?> s : sources) {
            try {
                s.get();
            } catch (RefreshingSource.StaleException e) {
                // Logged by the source; readiness reports it until a load succeeds.
            }
        }
    }

    /** Stops background refreshes (when this setup owns its executor). */
    public void close() {
        if (refresher instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // Shutting down anyway.
            }
        }
    }

    /** Ready when some issuer can be trusted at all and every document is within its staleness limit. */
    public boolean isReady() {
        sources.forEach(RefreshingSource::refreshIfDue);
        return hasIssuerSource && sources.stream().allMatch(RefreshingSource::isFresh);
    }
}
