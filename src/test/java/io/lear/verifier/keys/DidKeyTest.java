package io.lear.verifier.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.testsupport.IndependentDidKey;
import io.lear.verifier.testsupport.TestMachine;
import io.lear.verifier.testsupport.TestPki;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DidKeyTest {
    @Test
    void decodesRealDomeDidsToP256Keys() {
        DidKey k = DidKey.parse("did:key:zDnaeV2n9nK8Uabvcgaa9XdJkdbqUahLLpbt4WqS83F8pPCv7");
        assertEquals(DidKey.KeyType.P256, k.type());
        assertEquals("did:key:zDnaeV2n9nK8Uabvcgaa9XdJkdbqUahLLpbt4WqS83F8pPCv7", IndependentDidKey.of(k.publicKey()));
    }

    @Test
    void roundTripsGeneratedKeysWithAndWithoutFragment() {
        for (int i = 0; i < 20; i++) {
            TestMachine m = TestMachine.p256();
            assertEquals(m.keys().getPublic(), DidKey.parse(m.did()).publicKey());
            assertEquals(
                    m.did(), DidKey.parse(m.did() + "#" + m.did().substring(8)).did());
        }
        TestMachine ed = TestMachine.ed25519();
        DidKey k = DidKey.parse(ed.did());
        assertEquals(DidKey.KeyType.ED25519, k.type());
        assertEquals(ed.keys().getPublic(), k.publicKey());
    }

    @Test
    void decodesUncompressedP256Points() {
        ECPublicKey pub = (ECPublicKey) TestPki.ec().getPublic();
        byte[] x = unsigned(pub.getW().getAffineX().toByteArray());
        byte[] y = unsigned(pub.getW().getAffineY().toByteArray());
        byte[] bytes = new byte[2 + 65];
        bytes[0] = (byte) 0x80;
        bytes[1] = 0x24;
        bytes[2] = 0x04;
        System.arraycopy(x, 0, bytes, 3, 32);
        System.arraycopy(y, 0, bytes, 35, 32);
        assertEquals(
                pub, DidKey.parse("did:key:z" + IndependentDidKey.base58(bytes)).publicKey());
    }

    @Test
    void refusesWhatItCannotCheck() {
        String p256 = TestMachine.p256().did();
        for (String bad : new String[] {
            null,
            "did:web:example.org",
            "did:key:",
            "did:key:m123",
            "did:key:z0OIl",
            "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme",
            p256 + "#zOther",
            p256.substring(0, 20),
            "did:key:z" + IndependentDidKey.base58(new byte[] {(byte) 0x80, 0x24, 0x02, 1, 2, 3})
        }) {
            assertThrows(IllegalArgumentException.class, () -> DidKey.parse(bad), String.valueOf(bad));
        }
        // A point that is not on the curve.
        byte[] offCurve = new byte[35];
        offCurve[0] = (byte) 0x80;
        offCurve[1] = 0x24;
        offCurve[2] = 0x04 - 2;
        Arrays.fill(offCurve, 3, 35, (byte) 0xFF);
        assertThrows(
                IllegalArgumentException.class, () -> DidKey.parse("did:key:z" + IndependentDidKey.base58(offCurve)));
    }

    private static byte[] unsigned(byte[] v) {
        byte[] out = new byte[32];
        int n = Math.min(32, v.length);
        System.arraycopy(v, v.length - n, out, 32 - n, n);
        return out;
    }

    @Test
    void hashCodeIsObjectsHashOfTheDid() {
        String did = "did:key:zDnaeV2n9nK8Uabvcgaa9XdJkdbqUahLLpbt4WqS83F8pPCv7";
        // Objects.hash(did) is 31 + did.hashCode() (Arrays.hashCode of a one-element array).
        org.junit.jupiter.api.Assertions.assertEquals(
                31 + did.hashCode(), DidKey.parse(did).hashCode());
        org.junit.jupiter.api.Assertions.assertEquals(DidKey.parse(did), DidKey.parse(did));
    }
}
