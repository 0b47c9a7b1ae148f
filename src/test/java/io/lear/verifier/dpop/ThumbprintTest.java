package io.lear.verifier.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.keys.DidKey;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestMachine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 7638 thumbprints: the RFC's own example, and one key in its two encodings (JWK and did:key). */
class ThumbprintTest {
    /** RFC 7638 §3.1: the RSA key of RFC 7517 Appendix A.1 and its SHA-256 thumbprint. */
    @Test
    void knownAnswerOfRfc7638Section3_1() {
        Map<String, Object> jwk = Map.of(
                "kty", "RSA",
                "n",
                        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
                "e", "AQAB",
                "alg", "RS256",
                "kid", "2011-04-29");
        assertEquals("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", Thumbprint.of(jwk));
    }

    @Test
    void aDidKeyAndItsJwkHaveOneThumbprint() {
        for (TestMachine m :
                new TestMachine[] {TestMachine.p256(), TestMachine.ed25519(), TestMachine.w3cP256Vector()}) {
            assertEquals(
                    Thumbprint.of(Scenario.publicJwk(m)),
                    Thumbprint.of(DidKey.parse(m.did()).publicKey()));
        }
    }

    @Test
    void notAJwkIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Thumbprint.of(Map.of("kty", "nope")));
    }
}
