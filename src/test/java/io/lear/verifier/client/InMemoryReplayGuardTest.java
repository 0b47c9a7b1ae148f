package io.lear.verifier.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryReplayGuardTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void secondUseIsAReplayUntilExpiry() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 1000);
        Instant keep = clock.instant().plusSeconds(120);
        assertTrue(guard.firstUse("did:key:zA", "j1", keep));
        assertFalse(guard.firstUse("did:key:zA", "j1", keep));
        assertTrue(guard.firstUse("did:key:zB", "j1", keep));
        clock.advance(Duration.ofSeconds(121));
        assertTrue(guard.firstUse("did:key:zA", "j1", clock.instant().plusSeconds(60)));
    }

    @Test
    void exactlyOneOfManyConcurrentUsesWins() throws Exception {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 1000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger wins = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            futures.add(pool.submit(() -> {
                if (guard.firstUse("did:key:zA", "race", clock.instant().plusSeconds(60))) {
                    wins.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertEquals(1, wins.get());
    }

    @Test
    void fullStoreRefusesWithReplayStoreUnavailable() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 100);
        for (int i = 0; i < 100; i++) {
            assertTrue(guard.firstUse("did:key:zA", "j" + i, clock.instant().plusSeconds(60)));
        }
        OAuthException e = assertThrows(
                OAuthException.class,
                () -> guard.firstUse("did:key:zA", "overflow", clock.instant().plusSeconds(60)));
        assertEquals(Reason.REPLAY_STORE_UNAVAILABLE, e.reason());
        assertEquals(503, e.status());
        assertEquals(5, e.retryAfterSeconds());
    }

    @Test
    void fullStoreStillRecognisesAReplay() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 1);
        assertTrue(guard.firstUse("did:key:zA", "j", clock.instant().plusSeconds(60)));
        assertFalse(guard.firstUse("did:key:zA", "j", clock.instant().plusSeconds(60)));
    }

    @Test
    void expiredEntriesLeaveByTimeOnTheNextUse() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 1000);
        for (int i = 0; i < 100; i++) {
            guard.firstUse("did:key:zA", "j" + i, clock.instant().plusSeconds(60));
        }
        clock.advance(Duration.ofSeconds(62));
        assertTrue(guard.firstUse("did:key:zA", "after", clock.instant().plusSeconds(60)));
        assertEquals(1, guard.size());
    }

    @Test
    void fullStoreAcceptsAgainOnceEntriesExpire() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 10);
        for (int i = 0; i < 10; i++) {
            guard.firstUse("did:key:zA", "j" + i, clock.instant().plusSeconds(60));
        }
        clock.advance(Duration.ofSeconds(61));
        assertTrue(guard.firstUse("did:key:zA", "after-expiry", clock.instant().plusSeconds(60)));
    }

    @Test
    void unexpiredEntriesSurviveASweep() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 1000);
        guard.firstUse("did:key:zA", "long", clock.instant().plusSeconds(600));
        clock.advance(Duration.ofSeconds(300));
        guard.firstUse("did:key:zA", "other", clock.instant().plusSeconds(60));
        assertFalse(guard.firstUse("did:key:zA", "long", clock.instant().plusSeconds(600)));
    }

    @Test
    void keyIsAFixedSizeDigestOfClientAndJti() {
        // SHA-256("did:key:zA\nj") computed independently (sha256sum), first 128 bits.
        assertEquals(new ReplayKey(0x1143b763a6c9bfe0L, 0x51ca88452eedaf31L), ReplayKey.of("did:key:zA", "j"));
        assertEquals(ReplayKey.of("did:key:zA", "j"), ReplayKey.of("did:key:zA", "j"));
        assertNotEquals(ReplayKey.of("did:key:zA", "j"), ReplayKey.of("did:key:zB", "j"));
        assertNotEquals(ReplayKey.of("did:key:zA", "jk"), ReplayKey.of("did:key:zAj", "k"));
    }

    private Instant at(long millis) {
        return Instant.parse("2026-01-01T00:00:00Z").plusMillis(millis);
    }

    @Test
    void entryExpiringThisVeryMillisecondStillRefusesItsReplay() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 1000);
        assertTrue(guard.firstUse("did:key:zA", "j", at(500)));
        clock.set(at(500));
        assertFalse(guard.firstUse("did:key:zA", "j", at(900)));
    }

    @Test
    void expiredEntryNotYetSweptIsTakenOverByItsReuse() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 1000);
        assertTrue(guard.firstUse("did:key:zA", "j", at(10)));
        clock.set(at(11)); // expired, and the next sweep is only due at 1000 ms
        assertTrue(guard.firstUse("did:key:zA", "j", at(800)));
        assertFalse(guard.firstUse("did:key:zA", "j", at(800)));
    }

    @Test
    void sweepRunsWhenItIsDueToTheMillisecond() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 1000);
        guard.firstUse("did:key:zA", "expired", at(10));
        clock.set(at(1000));
        guard.firstUse("did:key:zA", "fresh", at(5000));
        assertEquals(1, guard.size());
    }

    @Test
    void sweepKeepsAnEntryExpiringAtTheSweepInstant() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 1000);
        guard.firstUse("did:key:zA", "edge", at(1000));
        clock.set(at(1000));
        guard.firstUse("did:key:zA", "fresh", at(5000));
        assertEquals(2, guard.size());
    }

    @Test
    void sweepsAreAtLeastASecondApart() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 1000);
        guard.firstUse("did:key:zA", "first", at(5000)); // sweep at 0, next due at 1000
        guard.firstUse("did:key:zA", "short", at(100));
        clock.set(at(500));
        guard.firstUse("did:key:zA", "later", at(5000)); // not due: the expired entry stays until the next sweep
        assertEquals(3, guard.size());
    }

    @Test
    void itsGaugeCountsEntriesAndItIsAlwaysReachable() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 1000);
        guard.firstUse("did:key:a", "j1", clock.instant().plusSeconds(60));
        guard.firstUse("did:key:a", "j2", clock.instant().plusSeconds(60));
        var gauge = new ReplayGuard.Gauge("replay_store_entries", "Entries in the in-memory replay store");
        assertEquals(java.util.Set.of(gauge), guard.gauges().keySet());
        assertEquals(2L, guard.gauges().get(gauge).getAsLong());
        assertTrue(guard.isReachable());
        ReplayGuard plain = (client, claims) -> java.util.Optional.empty();
        assertTrue(plain.isReachable());
        assertEquals(java.util.Map.of(), plain.gauges());
    }

    @Test
    void theJtisOfOneRequestAreClaimedTogetherOrNotAtAll() {
        ReplayClaimsContract.check(
                new InMemoryReplayGuard(clock, 1000),
                "did:key:zA",
                clock.instant().plusSeconds(60));
    }

    @Test
    void aFullStoreLeavesNoPartOfARequestBehind() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 1);
        Instant keep = clock.instant().plusSeconds(60);
        OAuthException e = assertThrows(
                OAuthException.class,
                () -> guard.firstUse(
                        "did:key:zA",
                        List.of(
                                new ReplayGuard.Claim(ReplayGuard.Kind.ASSERTION, "a", keep),
                                new ReplayGuard.Claim(ReplayGuard.Kind.DPOP_PROOF, "p", keep))));
        assertEquals(Reason.REPLAY_STORE_UNAVAILABLE, e.reason());
        assertEquals(0, guard.size());
    }
}
