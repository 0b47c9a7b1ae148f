package io.lear.verifier.jose;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The window's edges, written out by hand: skew 60 s around 2026-01-01T00:00:00Z. */
class TimeWindowTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(60);

    @Test
    void aStartUpToTheSkewAheadHasBegun() {
        assertFalse(TimeWindow.notYetStarted(Instant.parse("2026-01-01T00:01:00Z"), NOW, SKEW));
        assertTrue(TimeWindow.notYetStarted(Instant.parse("2026-01-01T00:01:00.000000001Z"), NOW, SKEW));
    }

    @Test
    void anEndUpToTheSkewAgoHasNotPassed() {
        assertFalse(TimeWindow.ended(Instant.parse("2025-12-31T23:59:00Z"), NOW, SKEW));
        assertTrue(TimeWindow.ended(Instant.parse("2025-12-31T23:58:59.999999999Z"), NOW, SKEW));
    }

    @Test
    void absentBoundsDoNotLimitTheWindow() {
        assertTrue(TimeWindow.contains(Optional.empty(), Optional.empty(), NOW, Duration.ZERO));
        assertTrue(TimeWindow.contains(Optional.of(NOW), Optional.of(NOW), NOW, Duration.ZERO));
        assertFalse(TimeWindow.contains(Optional.of(NOW.plusNanos(1)), Optional.empty(), NOW, Duration.ZERO));
        assertFalse(TimeWindow.contains(Optional.empty(), Optional.of(NOW.minusNanos(1)), NOW, Duration.ZERO));
    }
}
