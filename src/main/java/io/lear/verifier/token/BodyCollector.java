package io.lear.verifier.token;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Reads a request body without a thread waiting for it (Servlet non-blocking I/O): the container calls back when
 * bytes have arrived. At most {@code limit + 1} bytes are kept — one more than allowed, so the token request can
 * refuse the body as too large without reading the rest. Exactly one outcome is delivered, once: the body, a read
 * failure, or {@link #expire() expiry} — whichever comes first; callbacks run outside any lock, so a decision on
 * the body never blocks the expiry timer (which then learns it came too late).
 */
final class BodyCollector implements ReadListener {
    private final ServletInputStream in;
    private final int limit;
    private final Consumer<byte[]> done;
    private final Consumer<Throwable> failed;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[8192];
    private final AtomicBoolean settled = new AtomicBoolean();

    BodyCollector(ServletInputStream in, int limit, Consumer<byte[]> done, Consumer<Throwable> failed) {
        this.in = in;
        this.limit = limit;
        this.done = done;
        this.failed = failed;
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!settled.get() && in.isReady()) {
            int n = in.read(buffer, 0, Math.min(buffer.length, limit + 1 - body.size()));
            if (n < 0) {
                return; // the container calls onAllDataRead
            }
            body.write(buffer, 0, n);
            if (body.size() > limit) {
                onAllDataRead(); // too large: decided on what we have, the rest is never read
            }
        }
    }

    @Override
    public void onAllDataRead() {
        if (settled.compareAndSet(false, true)) {
            done.accept(body.toByteArray());
        }
    }

    @Override
    public void onError(Throwable t) {
        if (settled.compareAndSet(false, true)) {
            failed.accept(t);
        }
    }

    /** The deadline passed: fails the body unless an outcome was delivered already; true when this expired it. */
    boolean expire() {
        if (settled.compareAndSet(false, true)) {
            failed.accept(new BodyTimeout());
            return true;
        }
        return false;
    }

    /** What {@link #expire()} hands the failure callback. */
    static final class BodyTimeout extends IOException {
        BodyTimeout() {
            super("request body deadline passed");
        }
    }
}
