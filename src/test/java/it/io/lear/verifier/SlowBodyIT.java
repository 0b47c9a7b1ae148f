package it.io.lear.verifier;

import static it.io.lear.verifier.ItServer.scenario;
import static it.io.lear.verifier.ItServer.tokenForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.testsupport.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A stranger sending token request bodies a byte a second holds no request thread (issue: slow bodies starved the
 * token endpoint): legitimate clients and health checks are answered meanwhile, and each slow body is refused once
 * its deadline ({@code verifier.token.body-timeout}, 5 s) has passed, although its bytes keep coming — without the
 * guard every byte resets the server's read timeout and no answer ever comes while the attack goes on.
 * Bounded: at most 40 s of attack, traffic to 127.0.0.1 only.
 */
@ExtendWith(ArquillianExtension.class)
class SlowBodyIT {
    private static final int SLOW = 30;
    private static final int PORT = Integer.parseInt(System.getProperty("it.http.port", "9180"));
    private static final Duration ATTACK_AT_MOST = Duration.ofSeconds(40);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItServer.war();
    }

    /** One slow sender: declares 100,000 bytes, then sends one byte per tick until answered or stopped. */
    private static final class SlowBody implements AutoCloseable {
        final Socket socket = new Socket();
        final OutputStream out;
        final InputStream in;
        volatile boolean open = true;

        SlowBody() throws IOException {
            socket.connect(new InetSocketAddress("127.0.0.1", PORT), 5_000);
            socket.setSoTimeout((int) ATTACK_AT_MOST.toMillis());
            out = socket.getOutputStream();
            in = socket.getInputStream();
            out.write(("POST /oidc/token HTTP/1.1\r\nHost: localhost:" + PORT
                            + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\ng")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        void tick() {
            if (!open) {
                return;
            }
            try {
                out.write('a');
                out.flush();
            } catch (IOException closedByServer) {
                open = false;
            }
        }

        /** The server's answer: status line, headers and the JSON body (read until its end, or the attack's bound). */
        String answer() {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] b = new byte[4096];
            try {
                for (int n; !got.toString(StandardCharsets.US_ASCII).endsWith("}") && (n = in.read(b)) > 0; ) {
                    got.write(b, 0, n);
                }
            } catch (IOException timedOutOrReset) {
                // whatever arrived is the answer
            }
            return got.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            open = false;
            socket.close();
        }
    }

    @Test
    void slowBodiesHoldNoThreadAndAreRefusedAfterTheirDeadline() throws Exception {
        List<SlowBody> slow = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(SLOW + 2);
        var ticker = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < SLOW; i++) {
                slow.add(new SlowBody());
            }
            ticker.scheduleAtFixedRate(() -> slow.forEach(SlowBody::tick), 1, 1, TimeUnit.SECONDS);
            List<Future<String>> answers = new ArrayList<>();
            for (SlowBody s : slow) {
                answers.add(pool.submit(s::answer));
            }

            // While every slow body is still being sent: legitimate tokens and readiness are answered.
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .executor(pool)
                    .build();
            List<CompletableFuture<HttpResponse<String>>> legit = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Scenario s = scenario();
                legit.add(http.sendAsync(
                        HttpRequest.newBuilder(URI.create(ItServer.TOKEN))
                                .timeout(ATTACK_AT_MOST)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(tokenForm(s.machine.did(), s.assertion())))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            HttpResponse<String> ready = http.send(
                    HttpRequest.newBuilder(URI.create(ItServer.BASE + "/health/ready"))
                            .timeout(ATTACK_AT_MOST)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), ready.body());
            for (var f : legit) {
                HttpResponse<String> r = f.get(ATTACK_AT_MOST.toSeconds(), TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), r.body());
            }

            // Each slow body, its bytes still coming, is refused once its deadline passed.
            for (Future<String> a : answers) {
                String answer = a.get(ATTACK_AT_MOST.toSeconds() + 5, TimeUnit.SECONDS);
                assertTrue(answer.startsWith("HTTP/1.1 400 "), "no refusal while the body trickled: '" + answer + "'");
                assertTrue(answer.contains("\"reason\":\"malformed_request\""), answer);
                assertTrue(answer.toLowerCase().contains("connection: close"), answer);
            }
            // The refused senders keep sending: the verifier still answers everyone else.
            Scenario after = scenario();
            HttpResponse<String> token = http.send(
                    HttpRequest.newBuilder(URI.create(ItServer.TOKEN))
                            .timeout(ATTACK_AT_MOST)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    tokenForm(after.machine.did(), after.assertion())))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, token.statusCode(), token.body());
        } finally {
            ticker.shutdownNow();
            for (SlowBody s : slow) {
                s.close();
            }
            pool.shutdownNow();
        }
    }

    @Test
    void theVerifierSpeaksNoCleartextHttp2() throws Exception {
        // h2c would let one connection hold 100 slow streams; nothing here needs it (README, Operations).
        HttpResponse<String> r = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(ItServer.BASE + "/oidc/jwks"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, r.version());
    }
}
