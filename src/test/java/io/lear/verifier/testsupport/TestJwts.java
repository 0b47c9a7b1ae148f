package io.lear.verifier.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;

/** Signs arbitrary JOSE headers and payloads, including ones a well-behaved client would never send. */
public final class TestJwts {
    private TestJwts() {}

    private static final java.util.Set<String> SIGNABLE =
            java.util.Set.of("ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "EdDSA");

    /** Signs with the header's alg; an alg no library can sign with gets a made-up signature instead. */
    public static String sign(Map<String, Object> header, Map<String, Object> payload, Key key) {
        if (!SIGNABLE.contains(header.get("alg"))) {
            return unsigned(header, payload, "c2ln");
        }
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            jws.setDoKeyValidation(false);
            for (Map.Entry<String, Object> h : header.entrySet()) {
                jws.getHeaders().setObjectHeaderValue(h.getKey(), h.getValue());
            }
            jws.setPayload(JsonUtil.toJson(payload));
            jws.setKey(key);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWS-shaped string with a made-up signature (for alg none, HMAC and garbage tests). */
    public static String unsigned(Map<String, Object> header, Map<String, Object> payload, String signature) {
        return b64(JsonUtil.toJson(header)) + "." + b64(JsonUtil.toJson(payload)) + "." + signature;
    }

    public static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    public static Map<String, Object> header(String alg) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("alg", alg);
        return h;
    }
}
