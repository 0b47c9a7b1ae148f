package io.lear.verifier.trust;

import io.lear.verifier.credential.Claims;
import io.lear.verifier.credential.CompactJws;
import io.lear.verifier.credential.MachineCredential;
import io.lear.verifier.credential.MachineCredential.CredentialStatus;
import io.lear.verifier.credential.MachineCredentialParser;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
    private static final String ACCEPT = "application/vc+jwt, application/jwt, application/statuslist+jwt;q=0.9, */*;q=0.1";

    /** A verified status list. */
    record StatusList(String issuer, Optional<String> purpose, Bitstring bits) {
    }

    private final Fetcher fetcher;
    private final IssuerKeys issuerKeys;
    private final Clock clock;
    private final Duration refresh;
    private final Duration maxStaleness;
    private final Optional<RefreshingSource<Set<String>>> legacyList;
    private final ConcurrentHashMap<String, RefreshingSource<StatusList>> lists = new ConcurrentHashMap<>();

    public StatusLists(Fetcher fetcher, IssuerKeys issuerKeys, Clock clock, Duration refresh, Duration maxStaleness,
            Optional<RefreshingSource<Set<String>>> legacyList) {
        this.fetcher = fetcher;
        this.issuerKeys = issuerKeys;
        this.clock = clock;
        this.refresh = refresh;
        this.maxStaleness = maxStaleness;
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
        return Set.copyOf(list.stream().filter(String.class::isInstance).map(String.class::cast).toList());
    }

    /** Refuses a revoked or suspended credential; fails closed when its status cannot be read. */
    public void requireNotRevoked(MachineCredential vc) {
        if (legacyList.isPresent()) {
            Set<String> revoked;
            try {
                revoked = legacyList.get().get();
            } catch (RefreshingSource.StaleException e) {
                throw unavailable("the revoked credentials list is unavailable");
            }
            if (revoked.contains(vc.id())) {
                throw OAuthException.of(Reason.VC_REVOKED, "credential is revoked");
            }
        }
        if (vc.status().isPresent()) {
            checkStatusList(vc, vc.status().get());
        }
    }

    private void checkStatusList(MachineCredential vc, CredentialStatus status) {
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
        if (lists.size() >= MAX_LISTS && !lists.containsKey(url)) {
            lists.clear();
        }
        RefreshingSource<StatusList> source = lists.computeIfAbsent(url, u -> new RefreshingSource<>("status list",
                () -> load(u), clock, refresh, maxStaleness));
        StatusList list;
        try {
            list = source.get();
        } catch (RefreshingSource.StaleException e) {
            throw unavailable("credential status list is unavailable");
        }
        if (!list.issuer().equals(vc.issuerId())) {
            throw unavailable("credential status list is not from the credential's issuer");
        }
        if (list.purpose().isPresent() && !list.purpose().get().equals(purpose)) {
            throw unavailable("credential status list has another purpose");
        }
        boolean set;
        try {
            set = list.bits().isSet(index);
        } catch (IndexOutOfBoundsException e) {
            throw unavailable("credential status index is outside the status list");
        }
        if (set) {
            throw OAuthException.of(Reason.VC_REVOKED, "credential is " + (purpose.equals("suspension") ? "suspended" : "revoked"));
        }
    }

    private StatusList load(String url) throws Exception {
        String body = new String(fetcher.get(url, ACCEPT), StandardCharsets.US_ASCII).trim();
        CompactJws jws = CompactJws.parse(body, Reason.VC_MALFORMED, "status list credential");
        Claims vc = new Claims(MachineCredentialParser.credentialJson(jws).raw(), Reason.VC_MALFORMED, "status list");
        String issuer = MachineCredentialParser.issuerIdOf(vc);
        Instant now = clock.instant();
        // The same rules as a credential: signature with the x5c leaf chained to an anchor, or the issuer's did:key.
        issuerKeys.verifySignature(jws, issuer, now);
        Optional<Instant> until = jws.payload().numericDate("exp");
        if (until.isPresent() && now.isAfter(until.get())) {
            throw new IllegalStateException("status list credential expired");
        }
        Claims subject = vc.object("credentialSubject").orElseThrow(() -> vc.bad("no credentialSubject"));
        String encoded = subject.string("encodedList").orElseThrow(() -> vc.bad("no encodedList"));
        return new StatusList(issuer, subject.string("statusPurpose"), Bitstring.decode(encoded));
    }

    private static OAuthException unavailable(String description) {
        return OAuthException.unavailable(Reason.VC_STATUS_UNAVAILABLE, description, TrustDocuments.RETRY_AFTER_SECONDS);
    }

    /** For metrics: how many lists are cached, the oldest one's age, and failed loads. */
    public int cachedCount() {
        return lists.size();
    }

    public long maxAgeSeconds() {
        return lists.values().stream().mapToLong(RefreshingSource::ageSeconds).max().orElse(0);
    }

    public long fetchFailures() {
        return lists.values().stream().mapToLong(RefreshingSource::failures).sum();
    }

    public Optional<RefreshingSource<Set<String>>> legacyList() {
        return legacyList;
    }
}
