package io.lear.verifier.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The test suite's own did:key encoder against the W3C CCG did-method-key vectors. */
class IndependentDidKeyTest {
    @Test
    void p256VectorsEncodeToTheirDids() throws Exception {
        assertEquals(
                "did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv",
                p256("igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns", "efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM"));
        assertEquals(
                "did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169",
                p256("fyNYMN0976ci7xqiSdag3buk-ZCwgXU4kz9XNkBlNUI", "hW2ojTNfH7Jbi8--CJUo3OCbH3y5n91g-IMA9MLMbTU"));
    }

    @Test
    void ed25519VectorEncodesToItsDid() throws Exception {
        var kp = TestMachine.ed25519FromSeed(new byte[32]); // the vector's seed: 32 zero bytes
        assertEquals("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp", IndependentDidKey.of(kp.getPublic()));
    }

    @Test
    void leadingZeroBytesBecomeOnes() {
        assertEquals(
                "117paNL19xttacUY",
                IndependentDidKey.base58(("\0\0yes mani !").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    private static String p256(String x, String y) throws Exception {
        var params = ((java.security.interfaces.ECPublicKey) TestPki.ec().getPublic()).getParams();
        var key = KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(
                        new ECPoint(
                                new BigInteger(1, Base64.getUrlDecoder().decode(x)),
                                new BigInteger(1, Base64.getUrlDecoder().decode(y))),
                        params));
        return IndependentDidKey.of(key);
    }
}
