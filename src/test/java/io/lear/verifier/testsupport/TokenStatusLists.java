package io.lear.verifier.testsupport;

import java.io.ByteArrayOutputStream;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.DeflaterOutputStream;

/** IETF Token Status List JWTs as the EUDIStack issuer serves them (TokenStatusListCredentialFactory). */
public final class TokenStatusLists {
    private TokenStatusLists() {}

    /** base64url(zlib(statuses packed {@code bits} wide, least significant bits first)), written independently. */
    public static String lst(int bits, int[] statuses) {
        byte[] bytes = new byte[(statuses.length * bits + 7) / 8];
        for (int i = 0; i < statuses.length; i++) {
            int bit = i * bits;
            bytes[bit / 8] |= (byte) (statuses[i] << (bit % 8));
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
                z.write(bytes);
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed list: {@code typ statuslist+jwt}, {@code iss}, {@code sub} = its URI, {@code exp} = now + 365 d. */
    public static String sign(
            String iss,
            String uri,
            int bits,
            String lst,
            PrivateKey key,
            List<String> x5c,
            Instant now,
            Consumer<Map<String, Object>> changes) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("bits", bits);
        list.put("lst", lst);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sub", uri);
        payload.put("iss", iss);
        payload.put("iat", now.getEpochSecond());
        payload.put("exp", now.plusSeconds(365L * 86_400).getEpochSecond());
        payload.put("status_list", list);
        changes.accept(payload);
        Map<String, Object> header = TestJwts.header(key.getAlgorithm().equals("EC") ? "ES256" : "RS256");
        header.put("typ", "statuslist+jwt");
        header.put("x5c", x5c);
        return TestJwts.sign(header, payload, key);
    }

    /** Points an sd.1 credential payload at {@code uri}, entry {@code idx}. */
    public static void point(Map<String, Object> sdPayload, String uri, long idx) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("uri", uri);
        ref.put("idx", idx);
        sdPayload.put("status", Map.of("status_list", ref));
    }
}
