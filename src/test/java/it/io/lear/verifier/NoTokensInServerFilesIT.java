package it.io.lear.verifier;

import static it.io.lear.verifier.ItServer.get;
import static it.io.lear.verifier.ItServer.scenario;
import static it.io.lear.verifier.ItServer.token;
import static it.io.lear.verifier.ItServer.tokenForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.testsupport.Scenario;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Profile §13: no assertion, VP, VC or token in any file the server writes, Liberty's FFDC incidents included. Liberty's MP-JWT quotes the bearer tokens the sample API rejects; this test sends such
 * tokens, then reads every file under the server's directory.
 */
@ExtendWith(ArquillianExtension.class)
class NoTokensInServerFilesIT {
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");
    private static final Path LOGS =
            Path.of(System.getProperty("it.server.logs", "target/liberty/wlp/usr/servers/arquillianServer/logs"));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItServer.war();
    }

    @Test
    void rejectedBearerTokensAndAssertionsAreInNoServerFile() throws Exception {
        Scenario s = scenario();
        String genuine = token(s);
        String[] parts = genuine.split("\\.");
        String badSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertEquals(401, get("/api/sample/whoami", badSignature).statusCode());
        assertEquals(401, get("/api/sample/onboarding", badSignature).statusCode());
        assertEquals(401, get("/api/sample/whoami", parts[0] + "." + parts[1]).statusCode());
        assertEquals(401, get("/api/sample/whoami", parts[0] + ".e30.").statusCode());
        Scenario expired = scenario();
        expired.assertionPayload = p -> p.put("exp", java.time.Instant.now().getEpochSecond() - 300);
        String refusedAssertion = expired.assertion();
        assertEquals(
                401,
                ItServer.postToken(tokenForm(expired.machine.did(), refusedAssertion))
                        .statusCode());

        awaitLoggedMarker();
        List<String> secrets = List.of(
                parts[1].substring(0, 40),
                parts[2].substring(0, 40),
                new StringBuilder(parts[2]).reverse().substring(0, 40),
                refusedAssertion.split("\\.")[1].substring(0, 40));
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(LOGS.getParent())) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(NoTokensInServerFilesIT::writtenByServer)
                    .toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                if (JWT.matcher(text).find() || secrets.stream().anyMatch(text::contains)) {
                    found.add(f.toString());
                }
            }
        }
        assertEquals(List.of(), found, "files holding a JWT or a part of one");
    }

    /** Everything under the server directory except the configuration and the application the build put there. */
    private static boolean writtenByServer(Path f) {
        String name = f.getFileName().toString();
        return !name.endsWith(".war")
                && !name.endsWith(".xml")
                && !name.endsWith(".jar")
                && !f.toString().contains("/apps/")
                && !f.toString().contains("/dropins/");
    }

    /**
     * Liberty writes log records asynchronously, in order: once an audit line logged after the rejected requests is in
     * messages.log, whatever those requests made Liberty log has been written too.
     */
    private static void awaitLoggedMarker() throws Exception {
        String marker = "files-marker-" + UUID.randomUUID();
        ItServer.send(HttpRequest.newBuilder(URI.create(ItServer.TOKEN))
                .header("X-Request-Id", marker)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build());
        for (int i = 0; i < 300; i++) {
            if (Files.readString(LOGS.resolve("messages.log"), StandardCharsets.ISO_8859_1)
                    .contains(marker)) {
                return;
            }
            Thread.sleep(100);
        }
        assertTrue(false, "the marker audit line never reached messages.log");
    }
}
