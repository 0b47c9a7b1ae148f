package io.lear.verifier.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.TestJwts;
import io.lear.verifier.testsupport.TestPki;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compact JWS parsing limits and the signature check's key validation. */
class CompactJwsTest {
    private static OAuthException malformed(String compact, int maxChars) {
        return assertThrows(
                OAuthException.class, () -> CompactJws.parse(compact, Reason.VC_MALFORMED, "token", maxChars));
    }

    @Test
    void inputOfExactlyTheLimitIsParsed() {
        String jws = TestJwts.sign(
                TestJwts.header("ES256"), Map.of("a", 1), TestPki.ec().getPrivate());
        assertEquals(
                1L,
                ((Number) CompactJws.parse(jws, Reason.VC_MALFORMED, "token", jws.length())
                                .payload()
                                .raw()
                                .get("a"))
                        .longValue());
    }

    @Test
    void inputOneCharacterOverTheLimitIsRefusedBeforeParsing() {
        assertEquals("token exceeds 9 characters", malformed("a".repeat(10), 9).description());
        assertEquals(
                "token is not a compact JWS (three dot-separated parts)",
                malformed("a".repeat(9), 9).description());
    }

    @Test
    void twoOrFourPartsAreNotACompactJws() {
        assertEquals(
                "token is not a compact JWS (three dot-separated parts)",
                malformed("e30.e30", 100).description());
        assertEquals(
                "token is not a compact JWS (three dot-separated parts)",
                malformed("e30.e30.c2ln.c2ln", 100).description());
        assertEquals(
                "token is not a compact JWS (three dot-separated parts)",
                malformed(".e30.c2ln", 100).description());
    }

    @Test
    void signingInputEndsBeforeTheSecondDot() {
        KeyPair k = TestPki.ec();
        String jws = TestJwts.sign(TestJwts.header("ES256"), Map.of("a", "b"), k.getPrivate());
        assertTrue(CompactJws.parse(jws, Reason.VC_MALFORMED, "token", 10_000).verify(k.getPublic(), "ES256"));
    }

    @Test
    void rsaKeyBelow2048BitsNeverVerifies() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        KeyPair weak = g.generateKeyPair();
        String jws = TestJwts.sign(TestJwts.header("RS256"), Map.of("a", "b"), weak.getPrivate());
        assertFalse(CompactJws.parse(jws, Reason.VC_MALFORMED, "token", 10_000).verify(weak.getPublic(), "RS256"));
    }
}
