package io.lear.verifier.testsupport;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Base64;

/** A machine: its key pair and the did:key that names it (never computed by the code under test). */
public record TestMachine(KeyPair keys, String did, String alg) {
    public static TestMachine p256() {
        KeyPair kp = TestPki.ec();
        return new TestMachine(kp, IndependentDidKey.of(kp.getPublic()), "ES256");
    }

    public static TestMachine ed25519() {
        try {
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new TestMachine(kp, IndependentDidKey.of(kp.getPublic()), "EdDSA");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first P-256 key of the W3C CCG did-method-key vectors (nist-curves.json), with its DID as published. */
    public static TestMachine w3cP256Vector() {
        try {
            ECPublicKey any = (ECPublicKey) TestPki.ec().getPublic();
            KeyFactory kf = KeyFactory.getInstance("EC");
            var pub = kf.generatePublic(new ECPublicKeySpec(
                    new ECPoint(
                            b64u("igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns"),
                            b64u("efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM")),
                    any.getParams()));
            var priv = kf.generatePrivate(
                    new ECPrivateKeySpec(b64u("gPh-VvVS8MbvKQ9LSVVmfnxnKjHn4Tqj0bmbpehRlpc"), any.getParams()));
            return new TestMachine(
                    new KeyPair(pub, priv), "did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv", "ES256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Ed25519 key of a 32-byte RFC 8032 seed (the generator draws exactly the seed from its random source). */
    public static KeyPair ed25519FromSeed(byte[] seed) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, bytes.length);
                }
            });
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger b64u(String s) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(s));
    }
}
