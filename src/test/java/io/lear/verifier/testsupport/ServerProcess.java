package io.lear.verifier.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process a test starts (an application server, the runnable jar, redis-server), bound to 127.0.0.1 by its
 * command, its console in a log file, and stopped with its child processes on close: the one place tests start
 * and stop processes.
 */
public final class ServerProcess implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Servers on 2 busy cores may need minutes to start. */
    private static final long START_MINUTES = 5;

    private final Process process;
    private final Path log;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} in {@code workDir}; {@code env} is added to this JVM's environment, and a key mapped to
     * {@code null} is removed from it (a setting the test must not inherit).
     */
    public static ServerProcess start(List<String> command, Map<String, String> env, Path workDir, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        return new ServerProcess(pb.start(), log);
    }

    /** {@code java -Xmx256m -jar} the runnable verifier jar the build made ({@code it.jar}). */
    public static List<String> runnableJar() {
        return List.of(
                java(),
                "-Xmx256m",
                "-jar",
                Path.of(System.getProperty("it.jar", "target/lear-verifier.jar"))
                        .toAbsolutePath()
                        .toString());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The JVM running the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits until {@code url} answers 200 and returns that answer's body. */
    public String awaitOk(String url) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(START_MINUTES);
        int last = -1;
        while (System.nanoTime() < deadline) {
            alive();
            try {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                last = r.statusCode();
                if (last == 200) {
                    return r.body();
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(url + " never answered 200 (last " + last + "); see " + log);
    }

    /** Waits until something accepts connections on 127.0.0.1:{@code port} (a server without HTTP). */
    public void awaitPort(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(START_MINUTES);
        while (System.nanoTime() < deadline) {
            alive();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nothing listens on port " + port + "; see " + log);
    }

    private void alive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("process exited with " + process.exitValue() + "; see " + log);
        }
    }

    /** What the process wrote to its console so far. */
    public String console() throws IOException {
        return Files.readString(log, StandardCharsets.ISO_8859_1);
    }

    /** Kills the process at once, as a crash or an outage would. */
    public void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
    }

    /** Asks the process and its children to stop, and kills whatever has not stopped within a minute. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(60, TimeUnit.SECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                child.destroyForcibly();
            }
        }
    }

    /** Everything under a server's directory except the configuration and the application the build put there. */
    public static boolean writtenByServer(Path f) {
        String name = f.getFileName().toString();
        String path = f.toString();
        return !name.endsWith(".war")
                && !name.endsWith(".xml")
                && !name.endsWith(".jar")
                && !name.endsWith(".class")
                && !path.contains("/apps/")
                && !path.contains("/dropins/");
    }

    /** Deletes {@code dir} and everything in it, if it exists (a runnable jar will not extract over a leftover). */
    public static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
