package io.lear.verifier.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A throw-away redis-server on 127.0.0.1 (Debian package redis-server; .ci/run installs it). */
public final class RedisServer implements AutoCloseable {
    private final int port;
    private final String password;
    private final Path log;
    private ServerProcess process;

    /** Started at once; {@code password} may be null (no AUTH). */
    public RedisServer(String password, Path log) throws IOException, InterruptedException {
        this.port = ServerProcess.freePort();
        this.password = password;
        this.log = log.toAbsolutePath();
        start();
    }

    public RedisServer(String password) throws IOException, InterruptedException {
        this(password, Path.of("target", "redis-unit.log"));
    }

    /** Starts it (again, after {@link #stop()}) on the same port. */
    public void start() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                "redis-server",
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no"));
        if (password != null) {
            cmd.addAll(List.of("--requirepass", password));
        }
        try {
            process = ServerProcess.start(cmd, Map.of(), log.getParent(), log);
        } catch (IOException e) {
            throw new IllegalStateException("redis-server is needed by the tests (Debian package redis-server)", e);
        }
        process.awaitPort(port);
    }

    /** Kills it, as an outage would. */
    public void stop() throws InterruptedException {
        process.kill();
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
