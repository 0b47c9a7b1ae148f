package io.lear.verifier.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When and where a collected request is dispatched again: on the timer, never on the caller's (container) thread,
 * and not before the first dispatch returned.
 */
class DispatchHandoffTest {
    private int dispatches;
    private final List<Long> delays = new ArrayList<>();
    private final List<Runnable> onTimer = new ArrayList<>();
    private final DispatchHandoff handoff = new DispatchHandoff(() -> dispatches++, (millis, task) -> {
        delays.add(millis);
        onTimer.add(task);
        return () -> {
            throw new AssertionError("a dispatch is never cancelled");
        };
    });

    private void timerRuns() {
        onTimer.forEach(Runnable::run);
        onTimer.clear();
    }

    @Test
    void anOutcomeReadyBeforeTheFirstDispatchReturnedIsDispatchedOnTheTimerOnceItHas() {
        handoff.outcomeReady();
        assertEquals(List.of(), delays, "not while the first dispatch is still running");
        handoff.firstReturning();
        assertEquals(0, dispatches, "not on the first dispatch's thread");
        assertEquals(List.of(0L), delays, "at once");
        timerRuns();
        assertEquals(1, dispatches);
    }

    @Test
    void anOutcomeReadyLaterIsDispatchedOnTheTimerToo() {
        handoff.firstReturning();
        assertEquals(List.of(), delays, "nothing to dispatch yet");
        handoff.outcomeReady();
        assertEquals(0, dispatches, "not on the read callback's thread");
        assertEquals(List.of(0L), delays);
        timerRuns();
        assertEquals(1, dispatches);
    }
}
