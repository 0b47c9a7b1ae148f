package io.lear.verifier.jose;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one reading of a validity window with clock skew (verifier.clock-skew), used by every time check — tokens,
 * credentials, certificates, trusted issuers, status lists: a start up to {@code skew} in the future has begun, an
 * end up to {@code skew} in the past has not passed.
 */
public final class TimeWindow {
    private TimeWindow() {}

    public static boolean notYetStarted(Instant start, Instant now, Duration skew) {
        return start.isAfter(now.plus(skew));
    }

    public static boolean ended(Instant end, Instant now, Duration skew) {
        return now.minus(skew).isAfter(end);
    }

    /** Whether {@code now} lies in the window; an absent bound does not limit it. */
    public static boolean contains(Optional<Instant> start, Optional<Instant> end, Instant now, Duration skew) {
        return start.map(s -> !notYetStarted(s, now, skew)).orElse(true)
                && end.map(e -> !ended(e, now, skew)).orElse(true);
    }
}
