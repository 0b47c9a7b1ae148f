package io.lear.verifier.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestVerifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token resource's decision: every outcome audited and counted once, bugs answered as a bare server_error. */
class TokenResourceTest {
    private static final String FORM = "application/x-www-form-urlencoded";
    private final List<String> recorded = new ArrayList<>();
    private final TokenAudit audit = new TokenAudit();
    private TestVerifier v;

    @BeforeEach
    void setUp() {
        v = TestVerifier.create();
        audit.metrics = new TokenMetrics() {
            @Override
            public void record(String outcome, String reason, String credentialType, long startedNanos) {
                recorded.add(outcome + "/" + reason + "/" + credentialType);
            }
        };
    }

    private static InputStream body(String form) {
        return new ByteArrayInputStream(form.getBytes(StandardCharsets.US_ASCII));
    }

    private static String tokenForm(Scenario s) {
        return "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode(TokenRequest.CLIENT_ASSERTION_TYPE_JWT_BEARER, StandardCharsets.UTF_8)
                + "&client_assertion=" + s.assertion();
    }

    @Test
    void grantedRequestAnswersTheBearerTokenResponseAndIsCounted() throws Exception {
        TokenResource resource = new TokenResource(v.tokens, audit);
        Map<String, Object> json = JsonUtil.parseJson(
                resource.decide(FORM, false, List.of(), List.of(), body(tokenForm(v.scenario())), "req-1"));
        assertEquals(List.of("access_token", "token_type", "expires_in", "scope"), new ArrayList<>(json.keySet()));
        assertEquals("Bearer", json.get("token_type"));
        assertEquals(3600L, ((Number) json.get("expires_in")).longValue());
        assertEquals("machine learcredential", json.get("scope"));
        assertEquals(3, ((String) json.get("access_token")).split("\\.").length);
        assertEquals(List.of("granted/none/LEARCredentialMachine"), recorded);
    }

    @Test
    void refusalIsCountedThenThrownToTheErrorMapping() {
        TokenResource resource = new TokenResource(v.tokens, audit);
        OAuthException e = assertThrows(
                OAuthException.class,
                () -> resource.decide(FORM, true, List.of(), List.of(), body(tokenForm(v.scenario())), "r"));
        assertEquals(400, e.status());
        assertEquals("invalid_request", e.error().code());
        assertEquals(Reason.MULTIPLE_CLIENT_AUTH, e.reason());
        assertEquals(List.of("refused/multiple_client_auth/none"), recorded);
    }

    @Test
    void aBugIsAServerErrorWithoutItsMessageAndIsCountedAsFailed() {
        TokenService broken = new TokenService() {
            @Override
            public Grant grant(TokenRequest request) {
                throw new IllegalStateException("internal detail eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0");
            }
        };
        TokenResource resource = new TokenResource(broken, audit);
        OAuthException e = assertThrows(
                OAuthException.class,
                () -> resource.decide(FORM, false, List.of(), List.of(), body(tokenForm(v.scenario())), "r"));
        assertEquals(500, e.status());
        assertEquals("server_error", e.error().code());
        assertEquals(Reason.SERVER_ERROR, e.reason());
        assertEquals("internal server error", e.description());
        assertFalse(e.description().contains("internal detail"));
        assertEquals(List.of("failed/server_error/none"), recorded);
    }

    @Test
    void bodyOfExactly128KiBIsReadAndOneByteMoreIsTooLarge() {
        byte[] limit = new byte[128 * 1024];
        Arrays.fill(limit, (byte) 'a');
        assertEquals(limit.length, TokenResource.readBounded(new ByteArrayInputStream(limit)).length);
        byte[] over = Arrays.copyOf(limit, limit.length + 1);
        OAuthException e =
                assertThrows(OAuthException.class, () -> TokenResource.readBounded(new ByteArrayInputStream(over)));
        assertEquals(400, e.status());
        assertEquals(Reason.REQUEST_TOO_LARGE, e.reason());
    }

    @Test
    void unreadableBodyIsAMalformedRequest() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        OAuthException e = assertThrows(OAuthException.class, () -> TokenResource.readBounded(failing));
        assertEquals(400, e.status());
        assertEquals(Reason.MALFORMED_REQUEST, e.reason());
        assertTrue(recorded.isEmpty());
    }
}
