package io.lear.verifier.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Deadlines pass on their own thread, and a cancelled one never does (bounded waits, not timings). */
class BodyDeadlinesTest {
    @Test
    void aDeadlinePassesAndACancelledOneDoesNot() throws InterruptedException {
        try (BodyDeadlines deadlines = new BodyDeadlines()) {
            CountDownLatch cancelledRan = new CountDownLatch(1);
            deadlines.schedule(50, cancelledRan::countDown).run();
            CountDownLatch passed = new CountDownLatch(1);
            deadlines.schedule(100, passed::countDown);
            assertTrue(passed.await(30, TimeUnit.SECONDS), "the deadline passed");
            assertFalse(cancelledRan.await(0, TimeUnit.MILLISECONDS), "the earlier, cancelled one never ran");
        }
    }

    @Test
    void itsThreadIsANamedDaemonAndACancelledDeadlineLeavesNothingQueued() throws InterruptedException {
        try (BodyDeadlines deadlines = new BodyDeadlines()) {
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            CountDownLatch ran = new CountDownLatch(1);
            deadlines.schedule(0, () -> {
                ranOn.set(Thread.currentThread());
                ran.countDown();
            });
            assertTrue(ran.await(30, TimeUnit.SECONDS));
            assertTrue(ranOn.get().isDaemon(), "never keeps a stopping server's JVM alive");
            assertEquals("lear-token-body-deadlines", ranOn.get().getName());
            Runnable cancel = deadlines.schedule(TimeUnit.HOURS.toMillis(1), () -> {});
            assertEquals(1, deadlines.queued(), "a body on its way has its deadline waiting");
            cancel.run();
            assertEquals(0, deadlines.queued(), "a body in time leaves no hour-long task behind");
        }
    }
}
