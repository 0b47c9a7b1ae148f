package io.lear.verifier.testsupport;

import java.util.Map;

/** Navigation into the JWT payloads {@link Scenario} builds, for tests that change one member. */
@SuppressWarnings("unchecked")
public final class PayloadPaths {
    private PayloadPaths() {}

    /** The {@code vp} object of a VP JWT payload. */
    public static Map<String, Object> vp(Map<String, Object> vpPayload) {
        return (Map<String, Object>) vpPayload.get("vp");
    }

    /** The {@code vc} object of a credential JWT payload; the payload itself for a VCDM 2.0 one (w3c.3). */
    public static Map<String, Object> vc(Map<String, Object> vcPayload) {
        Object vc = vcPayload.get("vc");
        return vc == null ? vcPayload : (Map<String, Object>) vc;
    }

    public static Map<String, Object> subject(Map<String, Object> vcPayload) {
        return (Map<String, Object>) vc(vcPayload).get("credentialSubject");
    }

    public static Map<String, Object> mandate(Map<String, Object> vcPayload) {
        return (Map<String, Object>) subject(vcPayload).get("mandate");
    }

    public static Map<String, Object> mandatee(Map<String, Object> vcPayload) {
        return (Map<String, Object>) mandate(vcPayload).get("mandatee");
    }

    public static Map<String, Object> mandator(Map<String, Object> vcPayload) {
        return (Map<String, Object>) mandate(vcPayload).get("mandator");
    }
}
