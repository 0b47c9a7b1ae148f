package io.lear.verifier.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.TestJwts;
import io.lear.verifier.testsupport.TestVerifier;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 20 finding 4, replayed in-process: a duplicated assertion-header member whose name carries ESC, CR/LF,
 * quotes and 2,000 characters used to come back verbatim in a 2,073-character error_description.
 */
class HostileDescriptionTest {
    private final TestVerifier verifier = TestVerifier.create();

    private static final String NAME = "\\u001b[31m\\r\\n\\\"x\\\"" + "A".repeat(2000);

    private OAuthException refused(String assertion) {
        TokenRequest request = new TokenRequest(assertion, Optional.empty(), Optional.empty(), Optional.empty());
        return assertThrows(OAuthException.class, () -> verifier.tokens.grant(request));
    }

    @Test
    void duplicatedHeaderMemberWithHostileNameIsDescribedBoundedAndPrintable() {
        String header = "{\"alg\":\"ES256\",\"" + NAME + "\":1,\"" + NAME + "\":2}";
        String assertion = TestJwts.b64(header) + "." + TestJwts.b64("{}") + ".c2ln";
        OAuthException e = refused(assertion);
        assertEquals(401, e.status());
        assertEquals("invalid_client", e.error().code());
        assertEquals(Reason.ASSERTION_MALFORMED, e.reason());
        String d = e.description();
        assertTrue(d.length() <= 256, d.length() + " characters");
        assertTrue(d.chars().allMatch(c -> c >= 0x20 && c <= 0x7E && c != '"' && c != '\\'), d);
        assertTrue(d.contains("%1B[31m%0D%0A'x'AAAA"), d);
    }
}
