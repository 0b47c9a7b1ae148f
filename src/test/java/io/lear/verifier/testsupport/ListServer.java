package io.lear.verifier.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) serving trust documents whose answers tests
 * change at will: body, status, delay, redirect, size. Stopped by {@link #close()}.
 */
public final class ListServer implements AutoCloseable {
    /** What one path answers. */
    public record Answer(int status, byte[] body, long delayMillis, String location) {
        public static Answer ok(String body) {
            return new Answer(200, body.getBytes(StandardCharsets.UTF_8), 0, null);
        }

        public static Answer status(int status) {
            return new Answer(status, "error".getBytes(StandardCharsets.UTF_8), 0, null);
        }

        public static Answer slow(String body, long millis) {
            return new Answer(200, body.getBytes(StandardCharsets.UTF_8), millis, null);
        }

        public static Answer redirect(String location) {
            return new Answer(302, new byte[0], 0, location);
        }

        public static Answer huge(int bytes) {
            return new Answer(200, new byte[bytes], 0, null);
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    public ListServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Answer a = answers.getOrDefault(path, Answer.status(404));
            try {
                if (a.delayMillis() > 0) {
                    Thread.sleep(a.delayMillis());
                }
                if (a.location() != null) {
                    exchange.getResponseHeaders().add("Location", a.location());
                }
                exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
                if (a.body().length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(a.body());
                    }
                }
            } catch (InterruptedException | IOException e) {
                // client went away (timeouts are part of the tests)
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** A started server, for field initialisers (no checked exception). */
    public static ListServer started() {
        try {
            return new ListServer();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void answer(String path, Answer a) {
        answers.put(path, a);
    }

    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    /** Requests of any path. */
    public int totalHits() {
        return hits.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
