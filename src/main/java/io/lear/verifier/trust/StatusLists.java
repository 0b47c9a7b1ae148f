package io.lear.verifier.trust;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.Claims;
import io.lear.verifier.jose.CompactJws;
import io.lear.verifier.jose.CredentialJwt;
import io.lear.verifier.jose.JwsPolicy;
import io.lear.verifier.jose.TimeWindow;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Revocation and suspension (profile §7.4). A credential's {@code credentialStatus}
 * ({@code BitstringStatusListEntry} or {@code StatusList2021Entry}) points at a status list
 * credential, which is fetched, verified with the same issuer rules as a credential and required
 * to come from the credential's own issuer; then the bit at {@code statusListIndex} decides. The
 * optional legacy DOME list names revoked credential ids. Whenever a status cannot be read
 * within the staleness limit the request fails closed with {@code vc_status_unavailable}.
 */
public final class StatusLists {
    private static final Set<String> TYPES = Set.of("BitstringStatusListEntry", "StatusList2021Entry");
    private static final Set<String> PURPOSES = Set.of("revocation", "suspension");
    private static final int MAX_LISTS = 1000;
    /**
     * The {@link StatusEntry#type()} a lineage gives an IETF Token Status List reference ({@code status.status_list},
     * profile §16.3), which has no type of its own.
     */
    public static final String TOKEN_STATUS_LIST = "TokenStatusList";

    private static final String TOKEN_ACCEPT = "application/statuslist+jwt, application/jwt;q=0.9";
    private static final String ACCEPT =
            "application/vc+jwt, application/jwt, application/statuslist+jwt;q=0.9, */*;q=0.1";

    /** A verified status list of one issuer, with its own validity window. */
    record StatusList(Optional<Instant> validFrom, Optional<Instant> validUntil, String purpose, Bitstring bits) {
        boolean isValidAt(Instant now, Duration skew) {
            return TimeWindow.contains(validFrom, validUntil, now, skew);
        }
    }

    /** A verified Token Status List of one issuer: its {@code exp}, checked on every use, and its own refresh. */
    record TokenList(Optional<Instant> exp, Optional<Duration> ttl, TokenStatusList statuses) {}

    private final Fetcher fetcher;
    private final IssuerSignatures issuerSignatures;
    private final Clock clock;
    private final Duration refresh;
    private final Duration maxStaleness;
    private final Duration skew;
    private final java.util.concurrent.Executor refreshes;
    private final Optional<RefreshingSource<Set<String>>> legacyList;
    /** Bounded, W-TinyLFU: the lists of credentials that passed every other check, fetched by the verifier itself. */
    private final io.lear.verifier.cache.BoundedCache<String, RefreshingSource<StatusList>> lists =
            new io.lear.verifier.cache.BoundedCache<>(MAX_LISTS);
    /** The same for IETF Token Status Lists (sd.1). */
    private final io.lear.verifier.cache.BoundedCache<String, RefreshingSource<TokenList>> tokenLists =
            new io.lear.verifier.cache.BoundedCache<>(MAX_LISTS);

    public StatusLists(
            Fetcher fetcher,
            IssuerSignatures issuerSignatures,
            Clock clock,
            Duration refresh,
            Duration maxStaleness,
            Duration skew,
            java.util.concurrent.Executor refreshes,
            Optional<RefreshingSource<Set<String>>> legacyList) {
        this.fetcher = fetcher;
        this.issuerSignatures = issuerSignatures;
        this.clock = clock;
        this.refresh = refresh;
        this.maxStaleness = maxStaleness;
        this.skew = skew;
        this.refreshes = refreshes;
        this.legacyList = legacyList;
    }

    /** Parses the legacy DOME list: YAML {@code revoked_credentials: [<credential id>, …]} (empty allowed). */
    public static Set<String> parseLegacy(String yaml) {
        Object ids = TrustDocuments.yaml(yaml).get("revoked_credentials");
        if (ids == null) {
            return Set.of();
        }
        if (!(ids instanceof java.util.List<?> list)) {
            throw new IllegalArgumentException("'revoked_credentials' is not a list");
        }
        return Set.copyOf(list.stream()
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .toList());
    }

    /**
     * Refuses a revoked or suspended credential. Every status entry is read (profile §7.4): any set
     * bit refuses, any entry that cannot be read fails closed.
     */
    public void requireNotRevoked(String credentialId, String issuerId, List<StatusEntry> statuses) {
        if (legacyList.isPresent()) {
            Set<String> revoked;
            try {
                revoked = legacyList.get().get();
            } catch (RefreshingSource.StaleException e) {
                throw unavailable("the revoked credentials list is unavailable");
            }
            if (revoked.contains(credentialId)) {
                throw OAuthException.of(Reason.VC_REVOKED, "credential is revoked");
            }
        }
        for (StatusEntry status : statuses) {
            checkStatusList(issuerId, status);
        }
    }

    private void checkStatusList(String issuerId, StatusEntry status) {
        if (status.type().equals(TOKEN_STATUS_LIST)) {
            checkTokenStatusList(issuerId, status);
            return;
        }
        if (!TYPES.contains(status.type())) {
            throw unavailable("credential status type is not supported");
        }
        String purpose = status.purpose().orElse("revocation");
        if (!PURPOSES.contains(purpose)) {
            throw unavailable("credential status purpose is not supported");
        }
        String url = status.listCredential().orElseThrow(() -> unavailable("credential status names no status list"));
        long index = status.index().orElseThrow(() -> unavailable("credential status has no index"));
        if (!fetcher.permits(url)) {
            throw unavailable("credential status list URL is not allowed");
        }
        // Keyed by issuer too: a list is only ever accepted as the statement of the issuer it was loaded for.
        String key = issuerId + ' ' + url;
        RefreshingSource<StatusList> source = lists.computeIfAbsent(
                key,
                k -> new RefreshingSource<>(
                        "status list", () -> load(url, issuerId), clock, refresh, maxStaleness, refreshes));
        StatusList list;
        try {
            list = source.get();
        } catch (RefreshingSource.StaleException e) {
            throw unavailable("credential status list is unavailable");
        }
        Instant now = clock.instant();
        if (!list.isValidAt(now, skew)) {
            throw unavailable("credential status list credential is not within its validity period");
        }
        if (!list.purpose().equals(purpose)) {
            throw unavailable("credential status list has another purpose");
        }
        boolean set;
        try {
            set = list.bits().isSet(index);
        } catch (IndexOutOfBoundsException e) {
            throw unavailable("credential status index is outside the status list");
        }
        if (set) {
            throw OAuthException.of(
                    Reason.VC_REVOKED, "credential is " + (purpose.equals("suspension") ? "suspended" : "revoked"));
        }
    }

    /**
     * Fetches and verifies a status list credential of {@code issuer}: signature with the issuer rules
     * of a credential, the issuer and the validity window checked before the list is decoded (§15.3).
     */
    private StatusList load(String url, String issuer) throws Exception {
        String body = new String(fetcher.get(url, ACCEPT), StandardCharsets.US_ASCII).trim();
        CompactJws jws = CompactJws.parse(body, Reason.VC_MALFORMED, "status list credential", Fetcher.MAX_BYTES);
        Claims vc = new Claims(CredentialJwt.credentialJson(jws).raw(), Reason.VC_MALFORMED, "status list");
        Claims payload = new Claims(jws.payload().raw(), Reason.VC_MALFORMED, "status list");
        if (!CredentialJwt.issuerIdOf(vc).equals(issuer)) {
            throw new IllegalStateException("status list credential is not from the credential's issuer");
        }
        Instant now = clock.instant();
        // The same rules as a credential: signature with the x5c leaf chained to an anchor, or the issuer's did:key.
        issuerSignatures.verifySignature(JwsPolicy.STATUS_LIST, jws, issuer, now);
        Optional<Instant> validFrom = CredentialJwt.validFrom(vc, payload);
        Optional<Instant> validUntil = CredentialJwt.validUntil(vc, payload);
        if (!TimeWindow.contains(validFrom, validUntil, now, skew)) {
            throw new IllegalStateException("status list credential is not within its validity period");
        }
        Claims subject = vc.object("credentialSubject").orElseThrow(() -> vc.bad("no credentialSubject"));
        String purpose = subject.string("statusPurpose").orElseThrow(() -> vc.bad("no statusPurpose"));
        String encoded = subject.string("encodedList").orElseThrow(() -> vc.bad("no encodedList"));
        return new StatusList(validFrom, validUntil, purpose, Bitstring.decode(encoded));
    }

    /** Profile §16.3: the {@code bits} at {@code idx} of the list at {@code uri}; 0 passes, anything else revokes. */
    private void checkTokenStatusList(String issuerId, StatusEntry status) {
        String uri = status.listCredential().orElseThrow(() -> unavailable("credential status names no status list"));
        long idx = status.index().orElseThrow(() -> unavailable("credential status has no index"));
        if (!fetcher.permits(uri)) {
            throw unavailable("credential status list URL is not allowed");
        }
        String key = issuerId + ' ' + uri;
        RefreshingSource<TokenList> source = tokenLists.computeIfAbsent(
                key,
                k -> new RefreshingSource<>(
                        "token status list",
                        () -> loadTokenList(uri, issuerId),
                        clock,
                        refresh,
                        maxStaleness,
                        refreshes,
                        list -> list.ttl().orElse(refresh)));
        TokenList list;
        try {
            list = source.get();
        } catch (RefreshingSource.StaleException e) {
            throw unavailable("credential status list is unavailable");
        }
        if (list.exp().isPresent() && TimeWindow.ended(list.exp().get(), clock.instant(), skew)) {
            throw unavailable("credential status list expired");
        }
        int value;
        try {
            value = list.statuses().status(idx);
        } catch (IndexOutOfBoundsException e) {
            throw unavailable("credential status index is outside the status list");
        }
        if (value != TokenStatusList.VALID) {
            throw OAuthException.of(
                    Reason.VC_REVOKED,
                    "credential is " + (value == 2 ? "suspended" : "revoked") + " (status " + value + ")");
        }
    }

    /**
     * Fetches and verifies a Token Status List JWT of {@code issuer} (profile §16.3): {@code typ statuslist+jwt}, the
     * issuer ({@code iss}, either form) and {@code sub} = its URI checked before anything else, the signature under
     * the credential issuer rules, {@code exp} — all before {@code lst} is decoded.
     */
    private TokenList loadTokenList(String uri, String issuer) throws Exception {
        String body = new String(fetcher.get(uri, TOKEN_ACCEPT), StandardCharsets.US_ASCII).trim();
        CompactJws jws = CompactJws.parse(body, Reason.VC_MALFORMED, "token status list", Fetcher.MAX_BYTES);
        if (!jws.header().string("typ").orElse("").equals("statuslist+jwt")) {
            throw new IllegalStateException("token status list is not typ statuslist+jwt");
        }
        Claims payload = jws.payload();
        if (!payload.string("iss")
                .flatMap(IssuerSignatures::sdJwtIssuerId)
                .orElse("")
                .equals(issuer)) {
            throw new IllegalStateException("token status list is not from the credential's issuer");
        }
        if (!payload.string("sub").orElse("").equals(uri)) {
            throw new IllegalStateException("token status list 'sub' is not its URI");
        }
        Instant now = clock.instant();
        issuerSignatures.verifySignature(JwsPolicy.STATUS_LIST, jws, issuer, now);
        Optional<Instant> exp = payload.numericDate("exp");
        if (exp.isPresent() && TimeWindow.ended(exp.get(), now, skew)) {
            throw new IllegalStateException("token status list expired");
        }
        Optional<Duration> ttl = Optional.empty();
        if (payload.raw().get("ttl") instanceof Long seconds && seconds > 0) {
            ttl = Optional.of(Duration.ofSeconds(seconds));
        }
        Claims list = payload.object("status_list").orElseThrow(() -> payload.bad("no 'status_list'"));
        if (!(list.raw().get("bits") instanceof Long bits)) {
            throw payload.bad("'status_list.bits' is not an integer");
        }
        String lst = list.string("lst").orElseThrow(() -> payload.bad("no 'status_list.lst'"));
        return new TokenList(exp, ttl, TokenStatusList.decode(bits, lst));
    }

    private static OAuthException unavailable(String description) {
        return OAuthException.unavailable(
                Reason.VC_STATUS_UNAVAILABLE, description, TrustDocuments.RETRY_AFTER_SECONDS);
    }

    /** For metrics: how many lists are cached, the oldest one's age, and failed loads. */
    public int cachedCount() {
        return (int) (lists.size() + tokenLists.size());
    }

    public long maxAgeSeconds() {
        return java.util.stream.Stream.concat(lists.values().stream(), tokenLists.values().stream())
                .mapToLong(RefreshingSource::ageSeconds)
                .max()
                .orElse(0);
    }

    public long fetchFailures() {
        return lists.values().stream().mapToLong(RefreshingSource::failures).sum()
                + tokenLists.values().stream()
                        .mapToLong(RefreshingSource::failures)
                        .sum();
    }

    public Optional<RefreshingSource<Set<String>>> legacyList() {
        return legacyList;
    }
}
