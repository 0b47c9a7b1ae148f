package io.lear.verifier.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-side SD-JWT pieces (RFC 9901), written without the verifier's parser: disclosures, their digests (SHA-256 of
 * the disclosure text, as the RFC's examples compute them), and the {@code learcredential.machine.sd.1} payload as the
 * EUDIStack issuer builds it (SdJwtPayloadBuilder: bare organizationIdentifier {@code iss}, {@code _sd_alg} inside
 * {@code mandate} beside its {@code _sd}, the mandatee, mandator and power disclosed).
 */
public final class SdJwts {
    public static final String SD1 = "learcredential.machine.sd.1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SdJwts() {}

    public static String salt() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** {@code [salt, name, value]}: an object property disclosure. */
    public static String disclosure(String name, Object value) {
        return encode(List.of(salt(), name, value));
    }

    /** {@code [salt, value]}: an array element disclosure. */
    public static String element(Object value) {
        return encode(List.of(salt(), value));
    }

    public static String encode(List<?> array) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(org.jose4j.json.internal.json_simple.JSONValue.toJSONString(array)
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** base64url(SHA-256(ASCII(text))). */
    public static String digest(String text) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The issuer JWT payload and the disclosures it was made for, before signing. */
    public record Issued(Map<String, Object> payload, List<String> disclosures) {}

    /** An sd.1 credential for {@code machine}: mandatee, mandator and power as disclosures of {@code mandate}. */
    public static Issued sd1(String iss, TestMachine machine, java.time.Instant now) {
        Map<String, Object> w3c3 = Scenario.Credentials.w3c3(Scenario.ISSUER_DID, machine, now);
        Map<String, Object> mandate = PayloadPaths.mandate(w3c3);
        List<String> disclosures = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (String name : List.of("mandatee", "mandator", "power")) {
            String d = disclosure(name, mandate.get(name));
            disclosures.add(d);
            digests.add(digest(d));
        }
        Map<String, Object> sdMandate = new LinkedHashMap<>();
        sdMandate.put("_sd_alg", "sha-256");
        sdMandate.put("_sd", digests);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", iss);
        payload.put("iat", now.minusSeconds(86_400).getEpochSecond());
        payload.put("nbf", now.minusSeconds(86_400).getEpochSecond());
        payload.put("exp", now.plusSeconds(86_400 * 365L).getEpochSecond());
        payload.put("vct", SD1);
        payload.put("mandate", sdMandate);
        Map<String, Object> cnf = new LinkedHashMap<>();
        cnf.put("jwk", Scenario.publicJwk(machine));
        payload.put("cnf", cnf);
        return new Issued(payload, disclosures);
    }

    /** The {@code _sd} array of the payload's {@code mandate}. */
    @SuppressWarnings("unchecked")
    public static List<Object> mandateDigests(Map<String, Object> payload) {
        return (List<Object>) ((Map<String, Object>) payload.get("mandate")).get("_sd");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> mandate(Map<String, Object> payload) {
        return (Map<String, Object>) payload.get("mandate");
    }
}
