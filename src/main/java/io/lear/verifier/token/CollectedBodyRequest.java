package io.lear.verifier.token;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The token request as the JAX-RS resource reads it after {@link SlowBodyGuard} collected its body: the body from
 * memory, or — when it did not arrive in time or could not be read — a stream that fails, which the resource answers
 * as a malformed request.
 */
final class CollectedBodyRequest extends HttpServletRequestWrapper {
    private volatile byte[] body;

    CollectedBodyRequest(HttpServletRequest request) {
        super(request);
    }

    /** The collected body; {@code null} when none arrived in time. */
    void body(byte[] collected) {
        body = collected;
    }

    @Override
    public ServletInputStream getInputStream() {
        byte[] b = body;
        return b == null ? FAILED : new Memory(b);
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.ISO_8859_1));
    }

    private static final ServletInputStream FAILED = new ServletInputStream() {
        @Override
        public int read() throws IOException {
            throw new IOException("request body not received in time");
        }

        @Override
        public boolean isFinished() {
            return true;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("not an asynchronous stream");
        }
    };

    private static final class Memory extends ServletInputStream {
        private final ByteArrayInputStream in;

        Memory(byte[] body) {
            in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("not an asynchronous stream");
        }
    }
}
