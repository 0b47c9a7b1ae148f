package io.lear.verifier.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Profile §6: vc.issuer decides trust; a JWT 'iss' that says otherwise is accepted and logged for the operator. */
class JwtIssuerMismatchTest {
    private final Logger log = Logger.getLogger(CredentialVerifier.class.getName());
    private final List<String> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            warnings.add(r.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final TestVerifier verifier = TestVerifier.create();

    @BeforeEach
    void capture() {
        log.addHandler(capture);
    }

    @AfterEach
    void release() {
        log.removeHandler(capture);
    }

    @Test
    void aMatchingJwtIssuerLogsNothing() {
        Scenario s = verifier.scenario();
        verifier.authenticator.authenticate(s.assertion(), Optional.empty());
        assertEquals(List.of(), warnings);
    }

    @Test
    void aDifferentJwtIssuerIsLoggedAndVcIssuerDecides() {
        Scenario s = verifier.scenario();
        s.vcPayload = p -> p.put("iss", "did:elsi:VATES-OTHER");
        verifier.authenticator.authenticate(s.assertion(), Optional.empty());
        assertEquals(
                List.of("credential JWT 'iss' did:elsi:VATES-OTHER differs from vc.issuer " + Scenario.ISSUER_DID
                        + "; vc.issuer is used for trust"),
                warnings);
    }
}
