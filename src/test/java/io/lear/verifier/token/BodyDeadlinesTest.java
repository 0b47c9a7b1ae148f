package io.lear.verifier.token;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
}
