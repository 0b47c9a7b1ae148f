package io.lear.verifier.token;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The deadlines of token request bodies still on their way: one daemon thread that only expires late bodies (the
 * refusal itself runs on a container thread). Not the asynchronous response's own timeout: the Servlet
 * specification allows changing that only during the first dispatch, and a body's deadline ends in a callback.
 */
final class BodyDeadlines implements TokenResource.Deadlines, AutoCloseable {
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

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
