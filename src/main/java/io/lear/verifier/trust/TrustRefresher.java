package io.lear.verifier.trust;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that refresh trust documents and status lists in the background, so that no request
 * waits on a fetch while a usable copy exists (profile §15.2). Two daemon threads and a bounded
 * queue: a refresh that does not fit is dropped and tried again by a later request.
 */
final class TrustRefresher extends ThreadPoolExecutor implements AutoCloseable {
    private static final int THREADS = 2;
    private static final int QUEUE = 256;

    private TrustRefresher() {
        super(
                THREADS,
                THREADS,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "lear-trust-refresh");
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
        allowCoreThreadTimeOut(true);
    }

    static Executor create() {
        return new TrustRefresher();
    }

    @Override
    public void close() {
        shutdownNow();
    }
}
