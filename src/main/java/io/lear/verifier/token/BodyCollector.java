package io.lear.verifier.token;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads a request body without a thread waiting for it (Servlet non-blocking I/O): the container calls back when
 * bytes have arrived. At most {@code limit + 1} bytes are kept — one more than allowed, so the token request can
 * refuse the body as too large without reading the rest. Exactly one of the two callbacks runs, once.
 */
final class BodyCollector implements ReadListener {
    private final ServletInputStream in;
    private final int limit;
    private final Consumer<byte[]> done;
    private final Consumer<Throwable> failed;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[8192];
    private boolean finished;

    BodyCollector(ServletInputStream in, int limit, Consumer<byte[]> done, Consumer<Throwable> failed) {
        this.in = in;
        this.limit = limit;
        this.done = done;
        this.failed = failed;
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!finished && in.isReady()) {
            int n = in.read(buffer, 0, Math.min(buffer.length, limit + 1 - body.size()));
            if (n < 0) {
                return; // the container calls onAllDataRead
            }
            body.write(buffer, 0, n);
            if (body.size() > limit) {
                finish();
            }
        }
    }

    @Override
    public void onAllDataRead() {
        finish();
    }

    @Override
    public synchronized void onError(Throwable t) {
        if (!finished) {
            finished = true;
            failed.accept(t);
        }
    }

    private synchronized void finish() {
        if (!finished) {
            finished = true;
            done.accept(body.toByteArray());
        }
    }
}
