package io.lear.verifier.trust;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * A trust document with stale-while-revalidate semantics (profile §7.2, §15.2). A copy younger than
 * {@code refresh} is served as is; a copy older than that but within {@code maxStaleness} is served
 * at once while one background reload per source runs on {@code background}; only when no usable
 * copy exists does a request load the document itself (one at a time), and past
 * {@code maxStaleness} without a successful load the document is unavailable (the caller fails
 * closed). After a failed load, the next attempt waits a second, so an outage does not turn every
 * request into a fetch.
 *
 * @param <T> the parsed document
 */
public final class RefreshingSource<T> {
    private static final Logger LOG = Logger.getLogger(RefreshingSource.class.getName());
    private static final Duration BACK_OFF = Duration.ofSeconds(1);

    /** Loads and parses the document; throws with a loggable message on any failure. */
    @FunctionalInterface
    public interface Loader<T> {
        T load() throws Exception;
    }

    private record Snapshot<T>(T value, Instant loadedAt, Duration refresh) {}

    private final String name;
    private final Loader<T> loader;
    private final Clock clock;
    private final Duration refresh;
    private final Duration maxStaleness;
    private final Executor background;
    private final java.util.function.Function<T, Duration> refreshOf;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final Object loadLock = new Object();
    private volatile Snapshot<T> current;
    private volatile Instant lastAttempt = Instant.MIN;
    private volatile long failures;

    public RefreshingSource(
            String name, Loader<T> loader, Clock clock, Duration refresh, Duration maxStaleness, Executor background) {
        this(name, loader, clock, refresh, maxStaleness, background, value -> refresh);
    }

    /**
     * A source whose documents may ask to be reloaded sooner than {@code refresh} (a Token Status List's {@code ttl},
     * profile §16.3): {@code refreshOf} gives each loaded copy's own interval, never longer than {@code refresh}.
     */
    public RefreshingSource(
            String name,
            Loader<T> loader,
            Clock clock,
            Duration refresh,
            Duration maxStaleness,
            Executor background,
            java.util.function.Function<T, Duration> refreshOf) {
        this.refreshOf = refreshOf;
        this.name = name;
        this.loader = loader;
        this.clock = clock;
        this.refresh = refresh;
        this.maxStaleness = maxStaleness;
        this.background = background;
    }

    /** The current document; never waits on a fetch while a usable copy is held. */
    public T get() throws StaleException {
        Instant now = clock.instant();
        Snapshot<T> s = current;
        if (s != null && now.isBefore(s.loadedAt().plus(s.refresh()))) {
            return s.value();
        }
        if (isUsable(s, now)) {
            refreshInBackground(now);
            return current.value(); // the reloaded copy when the executor ran it already
        }
        s = loadWithoutCopy(now);
        if (!isUsable(s, now)) {
            throw new StaleException(name);
        }
        return s.value();
    }

    private boolean isUsable(Snapshot<T> s, Instant now) {
        return s != null && !now.isAfter(s.loadedAt().plus(maxStaleness));
    }

    private void refreshInBackground(Instant now) {
        if (now.isBefore(lastAttempt.plus(BACK_OFF)) || !refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            background.execute(() -> {
                try {
                    synchronized (loadLock) {
                        load(current);
                    }
                } finally {
                    refreshing.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            refreshing.set(false);
        }
    }

    private Snapshot<T> loadWithoutCopy(Instant now) {
        synchronized (loadLock) {
            Snapshot<T> s = current;
            if (isUsable(s, now) || now.isBefore(lastAttempt.plus(BACK_OFF))) {
                return s; // loaded by another caller meanwhile, or failed just now
            }
            return load(s);
        }
    }

    private Snapshot<T> load(Snapshot<T> previous) {
        lastAttempt = clock.instant();
        try {
            T value = loader.load();
            Duration own = refreshOf.apply(value);
            current = new Snapshot<>(value, clock.instant(), own.compareTo(refresh) < 0 ? own : refresh);
        } catch (Exception e) {
            failures++;
            LOG.warning("trust source " + name + " could not be loaded: " + e.getMessage()
                    + (previous == null ? "" : "; keeping the copy from " + previous.loadedAt()));
        }
        return current;
    }

    /** Starts with a copy loaded by the caller just now (so the first use costs no second fetch). */
    void seed(T value) {
        current = new Snapshot<>(value, clock.instant(), refresh);
    }

    /**
     * Starts a background refresh when one is due, without waiting. Readiness probes call this: a replica that left
     * the load balancer's rotation during an outage gets no requests, and must still notice the source is back.
     */
    public void refreshIfDue() {
        Instant now = clock.instant();
        Snapshot<T> s = current;
        if (s == null || !now.isBefore(s.loadedAt().plus(s.refresh()))) {
            refreshInBackground(now);
        }
    }

    /** Whether a copy within its maximum staleness is held (for readiness). */
    public boolean isFresh() {
        return isUsable(current, clock.instant());
    }

    /** Seconds since the held copy was loaded, or -1 when none. */
    public long ageSeconds() {
        Snapshot<T> s = current;
        return s == null ? -1 : Duration.between(s.loadedAt(), clock.instant()).toSeconds();
    }

    public long failures() {
        return failures;
    }

    public String name() {
        return name;
    }

    /** The document is not available within its maximum staleness. */
    public static final class StaleException extends Exception {
        private static final long serialVersionUID = 1L;

        StaleException(String name) {
            super("trust source " + name + " is unavailable");
        }
    }
}
