package it.io.lear.verifier;

import static it.io.lear.verifier.ItServer.get;
import static it.io.lear.verifier.ItServer.scenario;
import static it.io.lear.verifier.ItServer.token;
import static it.io.lear.verifier.ItServer.tokenForm;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lear.verifier.testsupport.Scenario;
import java.nio.file.Files;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Profile §13: no assertion, VP, VC or token in any file the server writes, Liberty's FFDC incidents included.
 * Liberty's MP-JWT quotes the bearer tokens the sample API rejects; this test sends such tokens and a refused
 * assertion. {@link NoTokensInServerFilesScan} reads every file of the server after all ITs ran and it stopped.
 */
@ExtendWith(ArquillianExtension.class)
class NoTokensInServerFilesIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItServer.war();
    }

    @Test
    void rejectedBearerTokensAndAssertionsAreSentForTheScan() throws Exception {
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

        // The scan runs once the server has stopped after every other IT (NoTokensInServerFilesScan); it also looks
        // for these parts, which alone do not look like a JWT.
        Files.createDirectories(NoTokensInServerFilesScan.SECRETS.getParent());
        Files.write(
                NoTokensInServerFilesScan.SECRETS,
                List.of(
                        parts[1].substring(0, 40),
                        parts[2].substring(0, 40),
                        new StringBuilder(parts[2]).reverse().substring(0, 40),
                        refusedAssertion.split("\\.")[1].substring(0, 40)));
    }
}
