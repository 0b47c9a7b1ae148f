package io.lear.verifier.testsupport;

import java.io.ByteArrayOutputStream;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Builds status list credentials (W3C Bitstring Status List) signed like DOME credentials. */
public final class StatusListCredentials {
    private StatusListCredentials() {}

    /** {@code u} + base64url(gzip(bits)), MSB first, with the given indexes set. */
    public static String encodedList(int lengthBits, long... setIndexes) {
        byte[] bits = new byte[lengthBits / 8];
        for (long i : setIndexes) {
            bits[(int) (i / 8)] |= (byte) (0x80 >>> (i % 8));
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(bits);
            }
            return "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(String issuer, String purpose, String encodedList, PrivateKey key, List<String> x5c) {
        return sign(issuer, purpose, encodedList, key, x5c, vc -> {});
    }

    /** A status list credential with {@code vcChanges} applied to its {@code vc} object (dates, say). */
    public static String sign(
            String issuer,
            String purpose,
            String encodedList,
            PrivateKey key,
            List<String> x5c,
            java.util.function.Consumer<Map<String, Object>> vcChanges) {
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("type", "BitstringStatusList");
        subject.put("statusPurpose", purpose);
        subject.put("encodedList", encodedList);
        Map<String, Object> vc = new LinkedHashMap<>();
        vc.put("@context", List.of("https://www.w3.org/ns/credentials/v2"));
        vc.put("type", List.of("VerifiableCredential", "BitstringStatusListCredential"));
        vc.put("issuer", issuer);
        vc.put("credentialSubject", subject);
        vcChanges.accept(vc);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", issuer);
        payload.put("vc", vc);
        Map<String, Object> header = TestJwts.header("RS256");
        header.put("x5c", x5c);
        return TestJwts.sign(header, payload, key);
    }

    /**
     * A status list credential as the EUDIStack issuer serves it (BitstringStatusListCredentialFactory): JOSE
     * {@code typ vc+jwt}, VCDM 2.0 (the payload is the credential), {@code issuer} an object, validFrom/validUntil,
     * signed with the seal's algorithm (ES256 for an EC seal).
     */
    public static String signVcdm2(
            String issuer,
            String purpose,
            String encodedList,
            PrivateKey key,
            List<String> x5c,
            java.time.Instant now) {
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("id", "urn:uuid:status-list-subject");
        subject.put("type", "BitstringStatusList");
        subject.put("statusPurpose", purpose);
        subject.put("encodedList", encodedList);
        Map<String, Object> vc = new LinkedHashMap<>();
        vc.put(
                "@context",
                List.of(
                        "https://www.w3.org/ns/credentials/v2",
                        "https://w3c.github.io/vc-bitstring-status-list/contexts/v1.jsonld"));
        vc.put("id", "https://issuer.example.org/w3c/v1/credentials/status/1");
        vc.put("type", List.of("VerifiableCredential", "BitstringStatusListCredential"));
        Map<String, Object> iss = new LinkedHashMap<>();
        iss.put("id", issuer);
        iss.put("organizationIdentifier", issuer.replace("did:elsi:", ""));
        vc.put("issuer", iss);
        vc.put("validFrom", now.minusSeconds(3600).toString());
        vc.put("validUntil", now.plusSeconds(86_400).toString());
        vc.put("credentialSubject", subject);
        Map<String, Object> header = TestJwts.header(key.getAlgorithm().equals("EC") ? "ES256" : "RS256");
        header.put("typ", "vc+jwt");
        header.put("x5c", x5c);
        return TestJwts.sign(header, vc, key);
    }

    /** Adds a credentialStatus entry to a credential JWT payload (its vc claim, or the payload of a VCDM 2.0 one). */
    public static void point(
            Map<String, Object> credentialPayload, String type, String purpose, Object index, String url) {
        PayloadPaths.vc(credentialPayload).put("credentialStatus", entry(type, purpose, index, url));
    }

    /** Sets an array of credentialStatus entries in a credential JWT payload. */
    public static void pointAll(Map<String, Object> credentialPayload, List<Map<String, Object>> entries) {
        PayloadPaths.vc(credentialPayload).put("credentialStatus", entries);
    }

    public static Map<String, Object> entry(String type, String purpose, Object index, String url) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", url + "#" + index);
        status.put("type", type);
        status.put("statusPurpose", purpose);
        status.put("statusListIndex", index);
        status.put("statusListCredential", url);
        return status;
    }
}
