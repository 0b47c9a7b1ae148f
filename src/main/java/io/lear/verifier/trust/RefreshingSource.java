package io.lear.verifier.trust;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * A trust document that is reloaded every {@code refresh} and, when a reload fails, keeps serving
 * the last good copy until it is older than {@code maxStaleness}; past that it is unavailable (the
 * caller fails closed). Reloads happen on the request path, one at a time per source.
 *
 * @param <T> the parsed document
 */
public final class RefreshingSource<T> {
    private static final Logger LOG = Logger.getLogger(RefreshingSource.class.getName());

    /** Loads and parses the document; throws with a loggable message on any failure. */
    @FunctionalInterface
    public interface Loader<T> {
        T load() throws Exception;
    }

    private record Snapshot<T>(T value, Instant loadedAt) {
    }

    private final String name;
    private final Loader<T> loader;
    private final Clock clock;
    private final Duration refresh;
    private final Duration maxStaleness;
    private volatile Snapshot<T> current;
    private volatile Instant lastAttempt = Instant.MIN;
    private volatile long failures;

    public RefreshingSource(String name, Loader<T> loader, Clock clock, Duration refresh, Duration maxStaleness) {
        this.name = name;
        this.loader = loader;
        this.clock = clock;
        this.refresh = refresh;
        this.maxStaleness = maxStaleness;
    }

    /** The current document, reloading it first when due. */
    public T get() throws StaleException {
        Instant now = clock.instant();
        Snapshot<T> s = current;
        if (s == null || !now.isBefore(s.loadedAt().plus(refresh))) {
            s = reload(now);
        }
        if (s == null || now.isAfter(s.loadedAt().plus(maxStaleness))) {
            throw new StaleException(name);
        }
        return s.value();
    }

    private synchronized Snapshot<T> reload(Instant now) {
        Snapshot<T> s = current;
        if (s != null && now.isBefore(s.loadedAt().plus(refresh))) {
            return s; // another request reloaded it meanwhile
        }
        // After a failure, wait a second before trying again, so an outage does not turn every request into a fetch.
        if (now.isBefore(lastAttempt.plusSeconds(1))) {
            return s;
        }
        lastAttempt = now;
        try {
            current = new Snapshot<>(loader.load(), clock.instant());
        } catch (Exception e) {
            failures++;
            LOG.warning("trust source " + name + " could not be loaded: " + e.getMessage()
                    + (s == null ? "" : "; keeping the copy from " + s.loadedAt()));
        }
        return current;
    }

    /** Whether a copy within its maximum staleness is held (for readiness). */
    public boolean isFresh() {
        Snapshot<T> s = current;
        return s != null && !clock.instant().isAfter(s.loadedAt().plus(maxStaleness));
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
