package io.lear.verifier.token;

/**
 * Dispatches a collected request again from the filter's own timer thread, and not before its first dispatch has
 * returned from the filter. Open Liberty, asked for the dispatch on its read-callback thread, on the first
 * dispatch's thread or on a thread of its asynchronous context, now and then ran it on a request it had already
 * recycled: the client got an empty 200 and the log a NullPointerException in
 * {@code WebAppRequestDispatcher.dispatch} (its read callback copies the first dispatch's thread state, which
 * that thread may have moved on from). Asked from a thread it does not manage, after the first dispatch has
 * returned, it did not once in the flood of {@code ReplayOrderingIT} and {@code HostileInputIT}. The cost is one
 * hop to that thread; nearly every body Liberty sees takes this path, since it reports none available before the
 * first read.
 */
final class DispatchHandoff {
    private final Runnable dispatch;
    private final TokenBodyFilter.Deadlines timer;
    private boolean firstReturned;
    private boolean waiting;

    DispatchHandoff(Runnable dispatch, TokenBodyFilter.Deadlines timer) {
        this.dispatch = dispatch;
        this.timer = timer;
    }

    /** The body's outcome is ready (any thread, once). */
    void outcomeReady() {
        synchronized (this) {
            if (!firstReturned) {
                waiting = true;
                return;
            }
        }
        timer.schedule(0, dispatch);
    }

    /** The first dispatch is returning from the filter (its own thread, the last thing it does). */
    void firstReturning() {
        boolean ready;
        synchronized (this) {
            firstReturned = true;
            ready = waiting;
        }
        if (ready) {
            timer.schedule(0, dispatch);
        }
    }
}
