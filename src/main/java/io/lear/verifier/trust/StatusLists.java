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
    private static final String ACCEPT =
            "application/vc+jwt, application/jwt, application/statuslist+jwt;q=0.9, */*;q=0.1";

    /** A verified status list of one issuer, with its own validity window. */
    record StatusList(Optional<Instant> validFrom, Optional<Instant> validUntil, String purpose, Bitstring bits) {
        boolean isValidAt(Instant now, Duration skew) {
            return TimeWindow.contains(validFrom, validUntil, now, skew);
        }
    }

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

    private static OAuthException unavailable(String description) {
        return OAuthException.unavailable(
                Reason.VC_STATUS_UNAVAILABLE, description, TrustDocuments.RETRY_AFTER_SECONDS);
    }

    /** For metrics: how many lists are cached, the oldest one's age, and failed loads. */
    public int cachedCount() {
        return (int) lists.size();
    }

    public long maxAgeSeconds() {
        return lists.values().stream()
                .mapToLong(RefreshingSource::ageSeconds)
                .max()
                .orElse(0);
    }

    public long fetchFailures() {
        return lists.values().stream().mapToLong(RefreshingSource::failures).sum();
    }

    public Optional<RefreshingSource<Set<String>>> legacyList() {
        return legacyList;
    }
}
