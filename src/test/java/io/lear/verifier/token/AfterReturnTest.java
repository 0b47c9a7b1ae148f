package io.lear.verifier.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A collected body's decision runs only after the resource method has returned (the empty-200 race). */
class AfterReturnTest {
    @Test
    void aDecisionOnAnotherThreadWaitsForTheMethodToReturn() throws Exception {
        AtomicReference<Thread> worker = new AtomicReference<>();
        ExecutorService container = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r);
            worker.set(t);
            return t;
        });
        try {
            CountDownLatch returned = new CountDownLatch(1);
            AtomicBoolean ran = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(1);
            TokenResource.afterReturn(container, returned).execute(() -> {
                ran.set(true);
                done.countDown();
            });
            // Deterministic, not timed: wait until the worker is parked on the latch, then look.
            while (worker.get() == null || worker.get().getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            assertFalse(ran.get(), "decided while the method had not returned");
            returned.countDown();
            assertTrue(done.await(1, TimeUnit.MINUTES));
            assertTrue(ran.get());
        } finally {
            container.shutdownNow();
        }
    }

    @Test
    void aDecisionOnTheMethodsOwnThreadRunsAtOnce() {
        CountDownLatch returned = new CountDownLatch(1);
        AtomicBoolean ran = new AtomicBoolean();
        TokenResource.afterReturn(Runnable::run, returned).execute(() -> ran.set(true));
        assertTrue(ran.get());
        assertEquals(1, returned.getCount());
    }
}
