package io.lear.verifier.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A fixed-size replay key: the first 128 bits of SHA-256(client DID, LF, jti). The client part
 * keeps one client's jti from blocking another's; the digest keeps a 256-character jti from
 * costing more memory than a short one. 128 bits make an accidental collision negligible.
 */
record ReplayKey(long high, long low) {
    static ReplayKey of(String clientId, String jti) {
        byte[] d = digest(clientId, jti);
        return new ReplayKey(toLong(d, 0), toLong(d, 8));
    }

    /** SHA-256(client DID, LF, jti): also the Redis key ({@link RedisReplayGuard}), in full. */
    static byte[] digest(String clientId, String jti) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(clientId.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n'); // cannot occur in a did:key, so (client, jti) pairs cannot run together
            md.update(jti.getBytes(StandardCharsets.UTF_8));
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long toLong(byte[] b, int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }
}
