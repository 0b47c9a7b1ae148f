package io.lear.verifier.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

/** A throw-away redis-server on 127.0.0.1 (Debian package redis-server; .ci/run installs it). */
public final class RedisServer implements AutoCloseable {
    private final int port;
    private final String password;
    private Process process;

    public RedisServer(String password) throws IOException, InterruptedException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        this.password = password;
        start();
    }

    public void start() throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(
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
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(new File("target/redis-unit.log"))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server is needed by the tests (Debian package redis-server)", e);
        }
        for (int i = 0; i < 300; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    public void stop() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
