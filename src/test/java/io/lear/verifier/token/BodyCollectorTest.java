package io.lear.verifier.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Non-blocking body reads: what arrives is kept up to one byte over the limit, and exactly one callback runs. */
class BodyCollectorTest {
    /** A stream that has some chunks now; the rest "arrive" when the test says so. */
    private static final class Trickle extends ServletInputStream {
        final Deque<byte[]> ready = new ArrayDeque<>();
        int reads;

        @Override
        public boolean isReady() {
            return !ready.isEmpty();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            reads++;
            byte[] chunk = ready.poll();
            int n = Math.min(len, chunk.length);
            System.arraycopy(chunk, 0, b, off, n);
            if (n < chunk.length) {
                ready.push(Arrays.copyOfRange(chunk, n, chunk.length));
            }
            return n;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isFinished() {
            return false;
        }

        @Override
        public void setReadListener(ReadListener listener) {}
    }

    private final Trickle in = new Trickle();
    private final List<byte[]> done = new ArrayList<>();
    private final List<Throwable> failed = new ArrayList<>();

    private BodyCollector collector(int limit) {
        return new BodyCollector(in, limit, done::add, failed::add);
    }

    @Test
    void bytesThatTrickleInAreCollectedUntilAllDataIsRead() throws IOException {
        BodyCollector c = collector(100);
        in.ready.add("grant_".getBytes());
        c.onDataAvailable();
        assertEquals(List.of(), done, "nothing handed on before the body is complete");
        in.ready.add("type=x".getBytes());
        in.ready.add("&y".getBytes());
        c.onDataAvailable();
        c.onAllDataRead();
        assertEquals(1, done.size());
        assertArrayEquals("grant_type=x&y".getBytes(), done.get(0));
        assertEquals(List.of(), failed);
    }

    @Test
    void aReadOfNoBytesIsNotTheEndOfTheBody() throws IOException {
        BodyCollector c = collector(100);
        in.ready.add(new byte[0]);
        in.ready.add("grant".getBytes());
        c.onDataAvailable();
        assertEquals(2, in.reads, "read on while the stream is ready: only -1 ends a read");
        c.onAllDataRead();
        assertArrayEquals("grant".getBytes(), done.get(0));
    }

    @Test
    void oneByteOverTheLimitEndsTheReadWithoutReadingTheRest() throws IOException {
        BodyCollector c = collector(10);
        in.ready.add(new byte[8]);
        in.ready.add(new byte[8]);
        in.ready.add(new byte[8]);
        c.onDataAvailable();
        assertEquals(1, done.size());
        assertEquals(11, done.get(0).length, "limit + 1 bytes: enough to refuse as too large");
        assertEquals(13, in.ready.stream().mapToInt(chunk -> chunk.length).sum(), "nothing beyond limit + 1 is read");
        c.onAllDataRead();
        assertEquals(1, done.size(), "handed on once");
    }

    @Test
    void aBodyOfExactlyTheLimitIsHandedOnWhole() throws IOException {
        BodyCollector c = collector(16);
        in.ready.add(new byte[16]);
        c.onDataAvailable();
        assertEquals(List.of(), done);
        c.onAllDataRead();
        assertEquals(16, done.get(0).length);
    }

    @Test
    void aBrokenConnectionFailsOnceAndNothingIsHandedOn() {
        BodyCollector c = collector(100);
        IOException reset = new IOException("reset");
        c.onError(reset);
        c.onError(new IOException("again"));
        c.onAllDataRead();
        assertEquals(1, failed.size());
        assertSame(reset, failed.get(0));
        assertEquals(List.of(), done);
    }

    @Test
    void noBytesAtAllIsAnEmptyBody() {
        BodyCollector c = collector(100);
        c.onAllDataRead();
        assertEquals(0, done.get(0).length);
        assertNull(failed.isEmpty() ? null : failed.get(0));
    }

    @Test
    void expiryBeforeTheBodyCompletesFailsItOnceAndLateBytesAreIgnored() throws IOException {
        BodyCollector c = collector(100);
        in.ready.add("grant".getBytes());
        c.onDataAvailable();
        assertEquals(true, c.expire());
        assertEquals(1, failed.size());
        assertEquals(BodyCollector.BodyTimeout.class, failed.get(0).getClass());
        in.ready.add("_type".getBytes());
        c.onDataAvailable();
        c.onAllDataRead();
        assertEquals(List.of(), done, "a late body is never decided");
        assertEquals(1, in.ready.size(), "nor read");
        assertEquals(false, c.expire());
        assertEquals(1, failed.size());
    }

    @Test
    void expiryAfterTheBodyWasHandedOnChangesNothing() {
        BodyCollector c = collector(100);
        c.onAllDataRead();
        assertEquals(false, c.expire(), "the decision on the body stands");
        assertEquals(List.of(), failed);
        assertEquals(1, done.size());
    }
}
