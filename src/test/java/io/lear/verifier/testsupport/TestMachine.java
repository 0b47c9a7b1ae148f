package io.lear.verifier.testsupport;

import io.lear.verifier.keys.DidKey;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;

/** A machine: its key pair and the did:key that names it. */
public record TestMachine(KeyPair keys, String did, String alg) {
    public static TestMachine p256() {
        KeyPair kp = TestPki.ec();
        return new TestMachine(kp, DidKey.of((ECPublicKey) kp.getPublic()), "ES256");
    }

    public static TestMachine ed25519() {
        try {
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new TestMachine(kp, DidKey.of((EdECPublicKey) kp.getPublic()), "EdDSA");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
