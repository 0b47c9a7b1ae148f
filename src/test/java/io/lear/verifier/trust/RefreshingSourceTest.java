package io.lear.verifier.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Stale-while-revalidate (profile §15.2): while a usable copy exists no caller runs a fetch; a
 * queued executor shows what runs on the caller's thread and what in the background.
 */
class RefreshingSourceTest {
    private static final Duration REFRESH = Duration.ofSeconds(300);
    private static final Duration MAX_STALENESS = Duration.ofSeconds(3600);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    private final Queue<Runnable> queued = new ArrayDeque<>();
    private final Executor background = queued::add;
    private final AtomicInteger loads = new AtomicInteger();
    private volatile boolean failing;

    private RefreshingSource<Integer> source() {
        return new RefreshingSource<>(
                "test",
                () -> {
                    int n = loads.incrementAndGet();
                    if (failing) {
                        throw new IllegalStateException("down");
                    }
                    return n;
                },
                clock,
                REFRESH,
                MAX_STALENESS,
                background);
    }

    private void runQueued() {
        while (!queued.isEmpty()) {
            queued.poll().run();
        }
    }

    @Test
    void firstUseLoadsOnTheCallersThread() throws Exception {
        assertEquals(1, source().get());
        assertTrue(queued.isEmpty());
    }

    @Test
    void freshCopyIsServedWithoutALoad() throws Exception {
        RefreshingSource<Integer> s = source();
        s.get();
        clock.advance(Duration.ofSeconds(299));
        assertEquals(1, s.get());
        assertEquals(1, loads.get());
        assertTrue(queued.isEmpty());
    }

    @Test
    void dueCopyIsServedAtOnceWhileTheReloadRunsInTheBackground() throws Exception {
        RefreshingSource<Integer> s = source();
        s.get();
        clock.advance(Duration.ofSeconds(301));
        assertEquals(1, s.get());
        assertEquals(1, loads.get(), "the caller did not load");
        assertEquals(1, queued.size());
        runQueued();
        assertEquals(2, s.get());
    }

    @Test
    void oneBackgroundReloadAtATime() throws Exception {
        RefreshingSource<Integer> s = source();
        s.get();
        clock.advance(Duration.ofSeconds(301));
        for (int i = 0; i < 10; i++) {
            s.get();
        }
        assertEquals(1, queued.size());
    }

    @Test
    void failedReloadKeepsTheCopyUntilMaxStaleness() throws Exception {
        RefreshingSource<Integer> s = source();
        s.get();
        failing = true;
        clock.advance(Duration.ofSeconds(3599));
        assertEquals(1, s.get());
        runQueued();
        assertEquals(1, s.get());
        assertEquals(1, s.failures());
        assertTrue(s.isFresh());
    }

    @Test
    void copyOlderThanMaxStalenessIsUnavailable() throws Exception {
        RefreshingSource<Integer> s = source();
        s.get();
        failing = true;
        clock.advance(Duration.ofSeconds(3601));
        assertThrows(RefreshingSource.StaleException.class, s::get);
        assertFalse(s.isFresh());
    }

    @Test
    void failedLoadWithoutACopyBacksOffForASecond() {
        failing = true;
        RefreshingSource<Integer> s = source();
        assertThrows(RefreshingSource.StaleException.class, s::get);
        assertThrows(RefreshingSource.StaleException.class, s::get);
        assertEquals(1, loads.get());
        clock.advance(Duration.ofSeconds(1));
        assertThrows(RefreshingSource.StaleException.class, s::get);
        assertEquals(2, loads.get());
    }

    @Test
    void recoversOnceTheSourceAnswersAgain() throws Exception {
        failing = true;
        RefreshingSource<Integer> s = source();
        assertThrows(RefreshingSource.StaleException.class, s::get);
        failing = false;
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, s.get());
        assertEquals(0, s.ageSeconds());
    }

    @Test
    void rejectedBackgroundReloadIsTriedAgainLater() throws Exception {
        AtomicInteger offered = new AtomicInteger();
        RefreshingSource<Integer> s =
                new RefreshingSource<>("test", loads::incrementAndGet, clock, REFRESH, MAX_STALENESS, r -> {
                    offered.incrementAndGet();
                    throw new java.util.concurrent.RejectedExecutionException();
                });
        s.get();
        clock.advance(Duration.ofSeconds(301));
        s.get();
        s.get();
        assertEquals(2, offered.get());
    }

    @Test
    void afterABackgroundReloadTheNextOneCanRun() throws Exception {
        RefreshingSource<Integer> s = source();
        s.get();
        clock.advance(Duration.ofSeconds(301));
        s.get();
        runQueued();
        clock.advance(Duration.ofSeconds(301));
        assertEquals(2, s.get());
        assertEquals(1, queued.size(), "a second reload was started");
        runQueued();
        assertEquals(3, s.get());
    }

    @Test
    void ageIsCountedFromTheLastLoadAndMinusOneBeforeAny() throws Exception {
        RefreshingSource<Integer> s = source();
        assertEquals(-1, s.ageSeconds());
        s.get();
        clock.advance(Duration.ofSeconds(42));
        assertEquals(42, s.ageSeconds());
        assertEquals("test", s.name());
    }

    @Test
    void refreshIfDueStartsNothingWhileTheCopyIsFresh() throws Exception {
        RefreshingSource<Integer> s = source();
        s.get();
        clock.advance(Duration.ofSeconds(299));
        s.refreshIfDue();
        assertTrue(queued.isEmpty());
        clock.advance(Duration.ofSeconds(1));
        s.refreshIfDue();
        assertEquals(1, queued.size());
    }
}
