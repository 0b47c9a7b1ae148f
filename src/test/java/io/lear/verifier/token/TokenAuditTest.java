package io.lear.verifier.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Profile §13: one JSON audit line and one metric per token decision, 500s included; never a token. */
class TokenAuditTest {
    private final List<LogRecord> lines = new ArrayList<>();
    private final List<String> recorded = new ArrayList<>();
    private final Logger log = Logger.getLogger("io.lear.verifier.audit");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            lines.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final TokenAudit audit = new TokenAudit();

    @BeforeEach
    void capture() {
        log.addHandler(capture);
        audit.metrics = new TokenMetrics() {
            @Override
            public void record(String outcome, String reason, String credentialType, long startedNanos) {
                recorded.add(outcome + "/" + reason + (credentialType.equals("none") ? "" : "/" + credentialType));
            }
        };
    }

    @AfterEach
    void release() {
        log.removeHandler(capture);
    }

    private Map<String, Object> onlyLine() throws Exception {
        assertEquals(1, lines.size());
        return JsonUtil.parseJson(lines.get(0).getMessage());
    }

    @Test
    void grantedLineNamesClientCredentialIssuerAndOrganization() throws Exception {
        TestVerifier v = TestVerifier.create();
        Scenario s = v.scenario();
        String assertion = s.assertion();
        TokenService.Grant grant =
                v.tokens.grant(new TokenRequest(assertion, Optional.empty(), Optional.empty(), Optional.empty()));
        audit.granted("req-1", grant, System.nanoTime() - 5_000_000);
        Map<String, Object> line = onlyLine();
        assertEquals("token_decision", line.get("event"));
        assertEquals("granted", line.get("outcome"));
        assertEquals("none", line.get("reason"));
        assertEquals("req-1", line.get("request_id"));
        assertEquals(s.machine.did(), line.get("client"));
        assertEquals(Scenario.ISSUER_DID, line.get("issuer"));
        assertEquals("VATES-B60645900", line.get("organization"));
        assertEquals(grant.client().credential().id(), line.get("credential_id"));
        double ms = ((Number) line.get("latency_ms")).doubleValue();
        assertTrue(ms >= 5.0 && ms < 60_000, "latency in milliseconds since the start: " + ms);
        assertEquals("LEARCredentialMachine", line.get("credential_type"));
        assertEquals(List.of("granted/none/LEARCredentialMachine"), recorded);
        assertFalse(lines.get(0).getMessage().contains(assertion.substring(0, 30)));
        assertFalse(
                lines.get(0).getMessage().contains(grant.token().accessToken().substring(0, 30)));
    }

    @Test
    void refusalLineNamesTheClientOnlyOnceVerified() throws Exception {
        audit.refused("req-2", OAuthException.of(Reason.ASSERTION_SIGNATURE_INVALID, "bad"), System.nanoTime());
        Map<String, Object> anonymous = onlyLine();
        assertEquals("refused", anonymous.get("outcome"));
        assertEquals("assertion_signature_invalid", anonymous.get("reason"));
        assertEquals(401L, ((Number) anonymous.get("status")).longValue());
        assertFalse(anonymous.containsKey("client"));
        lines.clear();
        audit.refused(
                "req-3", OAuthException.of(Reason.VC_REVOKED, "revoked").forClient("did:key:zA"), System.nanoTime());
        assertEquals("did:key:zA", onlyLine().get("client"));
        assertEquals(List.of("refused/assertion_signature_invalid", "refused/vc_revoked"), recorded);
    }

    @Test
    void failureLineHasTheExceptionClassAndNoMessage() throws Exception {
        audit.failed("req-4", new IllegalStateException("eyJsecret"), System.nanoTime());
        Map<String, Object> line = onlyLine();
        assertEquals(Level.SEVERE, lines.get(0).getLevel());
        assertEquals("failed", line.get("outcome"));
        assertEquals("server_error", line.get("reason"));
        assertEquals(500L, ((Number) line.get("status")).longValue());
        assertEquals("java.lang.IllegalStateException", line.get("exception"));
        assertTrue(((String) line.get("at")).contains("TokenAuditTest"), (String) line.get("at"));
        assertFalse(lines.get(0).getMessage().contains("eyJsecret"));
        assertEquals(List.of("failed/server_error"), recorded);
    }
}
