package io.lear.verifier.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OAuthExceptionTest {
    @Test
    void refusalCarriesReasonErrorStatusAndDescription() {
        OAuthException e = OAuthException.of(Reason.ASSERTION_EXPIRED, "client assertion expired");
        assertEquals(Reason.ASSERTION_EXPIRED, e.reason());
        assertEquals(ErrorCode.INVALID_CLIENT, e.error());
        assertEquals(401, e.status());
        assertEquals("client assertion expired", e.description());
        assertEquals("assertion_expired: client assertion expired", e.getMessage());
        assertNull(e.retryAfterSeconds());
        assertNull(e.clientId());
    }

    @Test
    void unavailableCarriesRetryAfter() {
        OAuthException e = OAuthException.unavailable(Reason.TRUST_UNAVAILABLE, "down", 5);
        assertEquals(503, e.status());
        assertEquals(5, e.retryAfterSeconds());
    }

    @Test
    void attributionKeepsEverythingElseAndTheFirstClient() {
        OAuthException e = OAuthException.unavailable(Reason.VC_STATUS_UNAVAILABLE, "status list down", 5);
        OAuthException attributed = e.forClient("did:key:zA");
        assertEquals("did:key:zA", attributed.clientId());
        assertEquals(Reason.VC_STATUS_UNAVAILABLE, attributed.reason());
        assertEquals("status list down", attributed.description());
        assertEquals(5, attributed.retryAfterSeconds());
        assertSame(attributed, attributed.forClient("did:key:zB"));
    }

    @Test
    void bodyIsTheRfc6749ErrorWithReasonAndNothingElse() {
        assertEquals(
                Map.of("error", "invalid_request", "error_description", "x is missing", "reason", "missing_parameter"),
                ErrorResponses.body(OAuthException.of(Reason.MISSING_PARAMETER, "x is missing")));
    }

    @Test
    void reasonCodeIsTheLowerCaseName() {
        assertEquals("vc_certificate_untrusted", Reason.VC_CERTIFICATE_UNTRUSTED.code());
    }
}
