package io.lear.verifier.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, validated view of the verifier's configuration (profile §14). Built once from a key lookup
 * (MicroProfile Config in the server, a map in tests); every problem names its key.
 */
public final class VerifierConfig {
    public static final String TOKEN_PATH = "/oidc/token";
    public static final String JWKS_PATH = "/oidc/jwks";
    /**
     * The machine credential configuration ids of profile §16.1, in the order of the default of
     * {@code verifier.credential.types}: DOME legacy, EUDIStack W3C VCDM 2.0, EUDIStack SD-JWT VC.
     */
    public static final List<String> MACHINE_CREDENTIAL_TYPES =
            List.of("LEARCredentialMachine", "learcredential.machine.w3c.3", "learcredential.machine.sd.1");

    private final String issuer;
    private final Duration clockSkew;
    private final Duration tokenBodyTimeout;
    private final Duration assertionMaxLifetime;
    private final Duration tokenLifetime;
    private final String tokenAudience;
    private final Set<String> tokenResources;
    private final Set<String> tokenScopes;
    private final boolean embedVc;
    private final String tokenTyp;
    private final Set<String> credentialTypes;
    private final Optional<Path> keysDevDir;
    private final Optional<Path> keysFile;
    private final Optional<String> activeKeyId;
    private final Optional<Path> trustAnchors;
    private final Optional<String> trustedIssuers;
    private final Optional<String> tirUrl;
    private final Optional<String> participants;
    private final Optional<String> clients;
    private final Duration trustRefresh;
    private final Duration trustMaxStaleness;
    private final Optional<String> revocationList;
    private final Duration revocationRefresh;
    private final Duration revocationMaxStaleness;
    private final boolean fetchAllowHttp;
    private final Duration fetchTimeout;
    private final String replayStore;
    private final Optional<String> redisUri;
    private final int replayMaxEntries;
    private final String cryptoProvider;
    private final boolean dpopRequired;
    private final Duration dpopMaxAge;

    private VerifierConfig(Function<String, Optional<String>> source) {
        Reader r = new Reader(source);
        this.issuer = r.url("verifier.issuer", "http://localhost:9080");
        this.clockSkew = r.seconds("verifier.clock-skew", 60, 0, 600);
        this.tokenBodyTimeout = r.seconds("verifier.token.body-timeout", 5, 1, 120);
        this.assertionMaxLifetime = r.seconds("verifier.assertion.max-lifetime", 600, 1, 86_400);
        this.tokenLifetime = r.seconds("verifier.token.lifetime", 3600, 1, 86_400);
        this.tokenAudience = r.string("verifier.token.audience").orElse(issuer);
        this.tokenResources = r.list("verifier.token.resources");
        for (String res : tokenResources) {
            r.checkAbsoluteUri("verifier.token.resources", res);
        }
        Set<String> scopes = r.list("verifier.token.scopes");
        this.tokenScopes = scopes.isEmpty() ? new LinkedHashSet<>(List.of("machine", "learcredential")) : scopes;
        for (String s : tokenScopes) {
            if (!s.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
                throw new ConfigurationException("verifier.token.scopes", "not a valid scope token: " + s);
            }
        }
        this.embedVc = r.bool("verifier.token.embed-vc", true);
        // RFC 9068 says at+jwt; MicroProfile JWT runtimes that insist on "JWT" (Payara) get a setting.
        this.tokenTyp = r.string("verifier.token.typ").orElse("at+jwt");
        if (!tokenTyp.equals("at+jwt") && !tokenTyp.equals("JWT")) {
            throw new ConfigurationException("verifier.token.typ", "must be at+jwt or JWT");
        }
        Set<String> types = r.list("verifier.credential.types");
        this.credentialTypes = types.isEmpty() ? Set.copyOf(MACHINE_CREDENTIAL_TYPES) : Set.copyOf(types);
        for (String t : credentialTypes) {
            if (!MACHINE_CREDENTIAL_TYPES.contains(t)) {
                throw new ConfigurationException(
                        "verifier.credential.types",
                        "unknown credential configuration id (known: " + String.join(", ", MACHINE_CREDENTIAL_TYPES)
                                + ")");
            }
        }
        this.keysFile = r.string("verifier.keys").map(Path::of);
        this.activeKeyId = r.string("verifier.keys.active");
        this.keysDevDir = r.string("verifier.keys.dev-dir").map(Path::of);
        this.trustAnchors = r.string("verifier.trust.anchors").map(Path::of);
        this.trustedIssuers = r.string("verifier.trust.issuers");
        this.tirUrl = r.string("verifier.trust.tir-url");
        this.participants = r.string("verifier.trust.participants");
        this.clients = r.string("verifier.clients");
        this.trustRefresh = r.seconds("verifier.trust.refresh", 300, 1, 86_400);
        this.trustMaxStaleness = r.seconds("verifier.trust.max-staleness", 86_400, 1, 30 * 86_400);
        this.revocationList = r.string("verifier.revocation.list");
        this.revocationRefresh = r.seconds("verifier.revocation.refresh", 300, 1, 86_400);
        this.revocationMaxStaleness = r.seconds("verifier.revocation.max-staleness", 3600, 1, 30 * 86_400);
        this.fetchAllowHttp = r.bool("verifier.fetch.allow-http", false);
        this.fetchTimeout = r.seconds("verifier.fetch.timeout", 5, 1, 120);
        this.replayStore = r.string("verifier.replay.store").orElse("memory");
        if (!replayStore.equals("memory") && !replayStore.equals("redis")) {
            throw new ConfigurationException("verifier.replay.store", "must be 'memory' or 'redis'");
        }
        this.redisUri = r.string("verifier.replay.redis.uri");
        if (replayStore.equals("redis") && redisUri.isEmpty()) {
            throw new ConfigurationException("verifier.replay.redis.uri", "required when verifier.replay.store=redis");
        }
        this.replayMaxEntries =
                (int) r.number("verifier.replay.max-entries", 1_000_000, 1, 50_000_000, "a whole number of entries");
        this.cryptoProvider = r.string("verifier.crypto.provider").orElse("native");
        if (!cryptoProvider.equals("native") && !cryptoProvider.equals("jdk")) {
            throw new ConfigurationException("verifier.crypto.provider", "must be 'native' or 'jdk'");
        }
        // §17: optional keeps clients that send no DPoP header (the EUDIStack client) working unchanged.
        String dpop = r.string("verifier.dpop").orElse("optional");
        if (!dpop.equals("optional") && !dpop.equals("required")) {
            throw new ConfigurationException("verifier.dpop", "must be 'optional' or 'required'");
        }
        this.dpopRequired = dpop.equals("required");
        this.dpopMaxAge = r.seconds("verifier.dpop.max-age", 300, 1, 3600);
        if (tirUrl.isPresent()) {
            r.checkAbsoluteUri("verifier.trust.tir-url", tirUrl.get());
        }
    }

    /** Reads and validates every key; throws {@link ConfigurationException} naming the first bad one. */
    public static VerifierConfig from(Function<String, Optional<String>> source) {
        return new VerifierConfig(source);
    }

    public String issuer() {
        return issuer;
    }

    public String tokenEndpoint() {
        return issuer + TOKEN_PATH;
    }

    public String jwksUri() {
        return issuer + JWKS_PATH;
    }

    public Duration clockSkew() {
        return clockSkew;
    }

    /** How long a token request's body may take to arrive (slow senders hold no thread meanwhile). */
    public Duration tokenBodyTimeout() {
        return tokenBodyTimeout;
    }

    public Duration assertionMaxLifetime() {
        return assertionMaxLifetime;
    }

    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    public String tokenAudience() {
        return tokenAudience;
    }

    public Set<String> tokenResources() {
        return tokenResources;
    }

    public Set<String> tokenScopes() {
        return tokenScopes;
    }

    public boolean embedVc() {
        return embedVc;
    }

    /**
     * Where the development key is kept when {@code verifier.keys} is unset; empty for the server's output
     * directory, which a runnable jar re-creates at every start.
     */
    public Optional<Path> keysDevDir() {
        return keysDevDir;
    }

    /** The access token's JOSE {@code typ}: {@code at+jwt} (RFC 9068) or {@code JWT}. */
    public String tokenTyp() {
        return tokenTyp;
    }

    /** The machine credential lineages accepted (profile §16.1), by configuration id. */
    public Set<String> credentialTypes() {
        return credentialTypes;
    }

    public Optional<Path> keysFile() {
        return keysFile;
    }

    public Optional<String> activeKeyId() {
        return activeKeyId;
    }

    public Optional<Path> trustAnchors() {
        return trustAnchors;
    }

    public Optional<String> trustedIssuers() {
        return trustedIssuers;
    }

    public Optional<String> tirUrl() {
        return tirUrl;
    }

    public Optional<String> participants() {
        return participants;
    }

    public Optional<String> clients() {
        return clients;
    }

    public Duration trustRefresh() {
        return trustRefresh;
    }

    public Duration trustMaxStaleness() {
        return trustMaxStaleness;
    }

    public Optional<String> revocationList() {
        return revocationList;
    }

    public Duration revocationRefresh() {
        return revocationRefresh;
    }

    public Duration revocationMaxStaleness() {
        return revocationMaxStaleness;
    }

    public boolean fetchAllowHttp() {
        return fetchAllowHttp;
    }

    public Duration fetchTimeout() {
        return fetchTimeout;
    }

    public String replayStore() {
        return replayStore;
    }

    /** Bound of the in-memory replay store; entries have a fixed size, so this bounds its bytes too. */
    public int replayMaxEntries() {
        return replayMaxEntries;
    }

    public Optional<String> redisUri() {
        return redisUri;
    }

    /** {@code native} (AWS-LC when it loads) or {@code jdk}. */
    public String cryptoProvider() {
        return cryptoProvider;
    }

    /** {@code verifier.dpop=required}: a token request without a DPoP proof is refused (profile §17). */
    public boolean dpopRequired() {
        return dpopRequired;
    }

    /** How old a DPoP proof's {@code iat} may be (beyond the clock skew). */
    public Duration dpopMaxAge() {
        return dpopMaxAge;
    }

    /** Typed reads with the key in every error. */
    private static final class Reader {
        private final Function<String, Optional<String>> source;

        Reader(Function<String, Optional<String>> source) {
            this.source = source;
        }

        Optional<String> string(String key) {
            return source.apply(key).map(String::trim).filter(s -> !s.isEmpty());
        }

        Duration seconds(String key, long def, long min, long max) {
            return Duration.ofSeconds(number(key, def, min, max, "a whole number of seconds"));
        }

        long number(String key, long def, long min, long max, String what) {
            Optional<String> v = string(key);
            long n;
            try {
                n = v.isPresent() ? Long.parseLong(v.get()) : def;
            } catch (NumberFormatException e) {
                throw new ConfigurationException(key, "not " + what);
            }
            if (n < min || n > max) {
                throw new ConfigurationException(key, "must be " + what + " between " + min + " and " + max);
            }
            return n;
        }

        boolean bool(String key, boolean def) {
            Optional<String> v = string(key);
            if (v.isEmpty()) {
                return def;
            }
            if (v.get().equalsIgnoreCase("true")) {
                return true;
            }
            if (v.get().equalsIgnoreCase("false")) {
                return false;
            }
            throw new ConfigurationException(key, "must be true or false");
        }

        Set<String> list(String key) {
            Optional<String> v = string(key);
            if (v.isEmpty()) {
                return Collections.emptySet();
            }
            List<String> items = new ArrayList<>();
            for (String s : Arrays.asList(v.get().split("[\\s,]+"))) {
                if (!s.isEmpty()) {
                    items.add(s);
                }
            }
            return Collections.unmodifiableSet(new LinkedHashSet<>(items));
        }

        String url(String key, String def) {
            String v = string(key).orElse(def);
            checkAbsoluteUri(key, v);
            URI uri = URI.create(v);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new ConfigurationException(key, "must be an http or https URL");
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                throw new ConfigurationException(key, "must not have a query or fragment");
            }
            // The issuer identifier is compared as a string (RFC 8414 §2): keep one canonical form.
            return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
        }

        void checkAbsoluteUri(String key, String v) {
            try {
                URI uri = new URI(v);
                if (!uri.isAbsolute() || uri.getHost() == null) {
                    throw new ConfigurationException(key, "must be an absolute URL with a host");
                }
            } catch (java.net.URISyntaxException e) {
                throw new ConfigurationException(key, "not a valid URL");
            }
        }
    }
}
