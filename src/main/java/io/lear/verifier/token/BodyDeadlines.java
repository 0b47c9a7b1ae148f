package io.lear.verifier.token;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timer of token request bodies still on their way: one daemon thread that expires late bodies and hands
 * collected requests back to the container ({@link DispatchHandoff}); the decisions themselves run in container
 * dispatches. The asynchronous context's own timeout is only a backstop:
 * containers differ in what they do to a pending read when it fires, and this one's timing is ours to test.
 */
final class BodyDeadlines implements TokenBodyFilter.Deadlines, AutoCloseable {
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "lear-token-body-deadlines");
        t.setDaemon(true);
        return t;
    });

    BodyDeadlines() {
        timer.setRemoveOnCancelPolicy(true); // a body that arrived in time leaves nothing queued
    }

    @Override
    public Runnable schedule(long millis, Runnable expire) {
        ScheduledFuture<?> due = timer.schedule(expire, millis, TimeUnit.MILLISECONDS);
        return () -> due.cancel(false);
    }

    /** Tasks still waiting (tests: a cancelled deadline is gone at once). */
    int queued() {
        return timer.getQueue().size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
