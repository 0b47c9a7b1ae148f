package io.lear.verifier.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.SdJwts;
import io.lear.verifier.testsupport.TestJwts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * RFC 9901 parsing and resolution: known answers of the RFC's examples, then one test per rule of profile §16.3 with
 * its exact reason. The issuer JWTs here carry a made-up signature: resolution does not look at it.
 */
class SdJwtTest {
    /** RFC 9901 §5.1 (issuance example): the family_name disclosure and its published digest. */
    private static final String RFC_FAMILY_NAME =
            "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0";

    private static final String RFC_FAMILY_NAME_DIGEST = "X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0";
    /** RFC 9901 §5.1: the array element "FR" of nationalities and its published digest. */
    private static final String RFC_FR = "WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIkZSIl0";

    private static final String RFC_FR_DIGEST = "w0I8EKcdCtUPkGCNUrfwVp2xEgNjtoIDlOxc9-PlOhs";

    private static String jwt(Map<String, Object> payload) {
        return TestJwts.unsigned(TestJwts.header("ES256"), payload, "c2ln");
    }

    private static SdJwt parse(Map<String, Object> payload, String... disclosures) {
        return SdJwt.parse(
                jwt(payload) + "~" + String.join("~", disclosures) + (disclosures.length > 0 ? "~" : ""),
                SdJwtPolicy.CREDENTIAL);
    }

    private static void refused(Reason reason, Runnable r) {
        OAuthException e = assertThrows(OAuthException.class, r::run);
        assertEquals(reason, e.reason(), e.description());
        assertEquals(401, e.status());
        assertEquals("invalid_client", e.error().code());
    }

    private static Map<String, Object> payload(Object... sdDigests) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("iss", "VATES-Q0000000J");
        p.put("_sd", new ArrayList<>(List.of(sdDigests)));
        p.put("_sd_alg", "sha-256");
        return p;
    }

    // --- known answers (RFC 9901 §5.1) ---

    @Test
    void digestsOfTheRfcExamples() {
        assertEquals(RFC_FAMILY_NAME_DIGEST, SdJwt.digest(RFC_FAMILY_NAME));
        assertEquals(RFC_FR_DIGEST, SdJwt.digest(RFC_FR));
    }

    @Test
    void theRfcDisclosuresResolveToTheirClaims() {
        Map<String, Object> p = payload(RFC_FAMILY_NAME_DIGEST);
        p.put("nationalities", List.of(Map.of("...", RFC_FR_DIGEST), Map.of("...", "decoyDigestOfNoDisclosure")));
        SdJwt sd = parse(p, RFC_FAMILY_NAME, RFC_FR);
        assertEquals("Möbius", sd.disclosed().get("family_name"));
        assertEquals(List.of("FR"), sd.disclosed().get("nationalities"));
        assertFalse(sd.disclosed().containsKey("_sd"));
        assertFalse(sd.disclosed().containsKey("_sd_alg"));
        assertEquals(Optional.empty(), sd.keyBindingJwt());
    }

    // --- digests over the disclosure as sent ---

    @Test
    void aReEncodedDisclosureIsNotTheOneSigned() {
        // Same JSON, other spelling (no spaces): another digest, so the issuer never signed it.
        String respelled = SdJwts.encode(List.of("_26bc4LT-ac6q2KI6cBW5es", "family_name", "Möbius"));
        refused(Reason.VC_SIGNATURE_INVALID, () -> parse(payload(RFC_FAMILY_NAME_DIGEST), respelled));
    }

    @Test
    void aDisclosureWhoseDigestOccursNowhereIsForged() {
        refused(Reason.VC_SIGNATURE_INVALID, () -> parse(payload(), SdJwts.disclosure("power", List.of())));
    }

    @Test
    void decoyDigestsAreIgnored() {
        String d = SdJwts.disclosure("a", 1);
        SdJwt sd = parse(payload(SdJwts.digest(SdJwts.salt()), SdJwts.digest(d), SdJwts.digest(SdJwts.salt())), d);
        assertEquals(Map.of("iss", "VATES-Q0000000J", "a", 1L), sd.disclosed());
    }

    @Test
    void undisclosedClaimsAreAbsent() {
        String d = SdJwts.disclosure("a", 1);
        assertEquals(
                Map.of("iss", "VATES-Q0000000J"),
                parse(payload(SdJwts.digest(d))).disclosed());
    }

    // --- duplicates ---

    @Test
    void theSameDisclosureSentTwiceIsMalformed() {
        String d = SdJwts.disclosure("a", 1);
        refused(Reason.VC_MALFORMED, () -> parse(payload(SdJwts.digest(d)), d, d));
    }

    @Test
    void aDigestUsedTwiceInThePayloadIsMalformed() {
        String d = SdJwts.disclosure("a", 1);
        Map<String, Object> p = payload(SdJwts.digest(d));
        p.put("nested", new LinkedHashMap<>(Map.of("_sd", List.of(SdJwts.digest(d)))));
        refused(Reason.VC_MALFORMED, () -> parse(p, d));
        refused(Reason.VC_MALFORMED, () -> parse(payload(SdJwts.digest(d), SdJwts.digest(d)), d));
    }

    @Test
    void aDisclosedNameAlreadyPresentIsMalformed() {
        String d = SdJwts.disclosure("iss", "VATES-B00000000");
        refused(Reason.VC_MALFORMED, () -> parse(payload(SdJwts.digest(d)), d));
    }

    @Test
    void namesSdAndEllipsisAreMalformed() {
        for (String name : List.of("_sd", "...")) {
            String d = SdJwts.disclosure(name, "x");
            refused(Reason.VC_MALFORMED, () -> parse(payload(SdJwts.digest(d)), d));
        }
    }

    @Test
    void disclosuresThatAreNoSuchArrayAreMalformed() {
        for (String d : List.of(
                TestJwts.b64("{\"salt\":\"x\"}"),
                TestJwts.b64("[\"salt\"]"),
                TestJwts.b64("[\"salt\",\"a\",1,2]"),
                TestJwts.b64("[1,\"a\",1]"),
                TestJwts.b64("[\"salt\",1,1]"),
                TestJwts.b64("[\"salt\",\"a\""),
                "!!notbase64!!")) {
            refused(Reason.VC_MALFORMED, () -> parse(payload(SdJwts.digest(d)), d));
        }
    }

    // --- _sd_alg ---

    @Test
    void sdAlgBesideItsSdAsEudiStackPutsItIsRead() {
        String d = SdJwts.disclosure("mandatee", Map.of("id", "did:key:z"));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("mandate", new LinkedHashMap<>(Map.of("_sd_alg", "sha-256", "_sd", List.of(SdJwts.digest(d)))));
        SdJwt sd = parse(p, d);
        assertEquals(
                Map.of("mandatee", Map.of("id", "did:key:z")), sd.disclosed().get("mandate"));
    }

    @Test
    void sdAlgAbsentIsSha256() {
        String d = SdJwts.disclosure("a", 1);
        Map<String, Object> p = payload(SdJwts.digest(d));
        p.remove("_sd_alg");
        assertEquals(1L, parse(p, d).disclosed().get("a"));
    }

    @Test
    void sdAlgOtherThanSha256IsMalformedAtTheTopOrBesideItsSd() {
        String d = SdJwts.disclosure("a", 1);
        Map<String, Object> top = payload(SdJwts.digest(d));
        top.put("_sd_alg", "sha-512");
        refused(Reason.VC_MALFORMED, () -> parse(top, d));
        Map<String, Object> nested = payload();
        nested.put("mandate", new LinkedHashMap<>(Map.of("_sd_alg", "SHA-256", "_sd", List.of(SdJwts.digest(d)))));
        refused(Reason.VC_MALFORMED, () -> parse(nested, d));
    }

    // --- array elements ---

    @Test
    void arrayElementDisclosuresReplaceTheirPlaceholders() {
        String power = SdJwts.element(Map.of("domain", "DOME"));
        Map<String, Object> p = payload();
        p.put("power", List.of(Map.of("...", SdJwts.digest(power)), "plain"));
        assertEquals(
                List.of(Map.of("domain", "DOME"), "plain"),
                parse(p, power).disclosed().get("power"));
    }

    @Test
    void anElementDisclosureInAnObjectOrAPropertyInAnArrayIsMalformed() {
        String element = SdJwts.element("x");
        refused(Reason.VC_MALFORMED, () -> parse(payload(SdJwts.digest(element)), element));
        String property = SdJwts.disclosure("a", "x");
        Map<String, Object> p = payload();
        p.put("list", List.of(Map.of("...", SdJwts.digest(property))));
        refused(Reason.VC_MALFORMED, () -> parse(p, property));
    }

    @Test
    void nestedDisclosuresResolveRecursively() {
        String inner = SdJwts.disclosure("id", "did:key:z");
        String outer = SdJwts.disclosure("mandatee", Map.of("_sd", List.of(SdJwts.digest(inner))));
        SdJwt sd = parse(payload(SdJwts.digest(outer)), outer, inner);
        assertEquals(Map.of("id", "did:key:z"), sd.disclosed().get("mandatee"));
    }

    // --- form, key binding JWT, bounds ---

    @Test
    void theKeyBindingJwtIsSplitOffAndSdHashCoversEverythingBeforeIt() {
        String d = SdJwts.disclosure("a", 1);
        String issued = jwt(payload(SdJwts.digest(d))) + "~" + d + "~";
        SdJwt sd = SdJwt.parse(issued + "kb.jwt.here", SdJwtPolicy.CREDENTIAL);
        assertEquals(Optional.of("kb.jwt.here"), sd.keyBindingJwt());
        assertEquals(SdJwts.digest(issued), sd.sdHash());
    }

    @Test
    void noDisclosuresAtAllIsAnSdJwt() {
        SdJwt sd = SdJwt.parse(jwt(payload()) + "~", SdJwtPolicy.CREDENTIAL);
        assertEquals(Map.of("iss", "VATES-Q0000000J"), sd.disclosed());
        assertTrue(SdJwt.isSdJwt(jwt(payload()) + "~"));
        assertFalse(SdJwt.isSdJwt(jwt(payload())));
    }

    @Test
    void emptyDisclosuresAndBrokenIssuerJwtsAreMalformed() {
        String d = SdJwts.disclosure("a", 1);
        refused(
                Reason.VC_MALFORMED,
                () -> SdJwt.parse(jwt(payload(SdJwts.digest(d))) + "~~" + d + "~", SdJwtPolicy.CREDENTIAL));
        refused(Reason.VC_MALFORMED, () -> SdJwt.parse("~" + d + "~", SdJwtPolicy.CREDENTIAL));
        refused(Reason.VC_MALFORMED, () -> SdJwt.parse("a.b~", SdJwtPolicy.CREDENTIAL));
        refused(Reason.VC_MALFORMED, () -> SdJwt.parse(jwt(payload()), SdJwtPolicy.CREDENTIAL));
    }

    @Test
    void atMostSixtyFourDisclosures() {
        List<String> ds = new ArrayList<>();
        List<Object> digests = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            String d = SdJwts.disclosure("c" + i, i);
            ds.add(d);
            digests.add(SdJwts.digest(d));
        }
        Map<String, Object> p = payload(digests.toArray());
        assertEquals(
                64 + 1,
                parse(
                                payload(digests.subList(0, 64).toArray()),
                                ds.subList(0, 64).toArray(new String[0]))
                        .disclosed()
                        .size());
        refused(Reason.VC_MALFORMED, () -> parse(p, ds.toArray(new String[0])));
    }

    @Test
    void aDisclosureOverEightKibIsMalformed() {
        String fits = SdJwts.disclosure("a", "x".repeat(6000));
        assertTrue(fits.length() <= 8 * 1024);
        parse(payload(SdJwts.digest(fits)), fits);
        String over = SdJwts.disclosure("a", "x".repeat(6200));
        assertTrue(over.length() > 8 * 1024);
        refused(Reason.VC_MALFORMED, () -> parse(payload(SdJwts.digest(over)), over));
    }

    @Test
    void theWholeStringIsAtMostThirtyTwoKib() {
        List<String> ds = new ArrayList<>();
        List<Object> digests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String d = SdJwts.disclosure("c" + i, "x".repeat(6000));
            ds.add(d);
            digests.add(SdJwts.digest(d));
        }
        String whole = jwt(payload(digests.toArray())) + "~" + String.join("~", ds) + "~";
        assertTrue(whole.length() > CompactJws.MAX_VC_CHARS);
        refused(Reason.VC_MALFORMED, () -> SdJwt.parse(whole, SdJwtPolicy.CREDENTIAL));
    }

    @Test
    void nestingOfTheResolvedPayloadIsBounded() {
        // Each disclosure is shallow; chained, they nest deeper than 32 levels once resolved.
        List<String> ds = new ArrayList<>();
        String digest = null;
        for (int i = 0; i < 40; i++) {
            Object value = digest == null ? "leaf" : Map.of("_sd", List.of(digest));
            String d = SdJwts.disclosure("n", value);
            ds.add(d);
            digest = SdJwts.digest(d);
        }
        String top = digest;
        refused(Reason.VC_MALFORMED, () -> parse(payload(top), ds.toArray(new String[0])));
    }

    private static SdJwtPolicy policy(int maxChars, int maxDisclosureChars, int maxDepth) {
        return new SdJwtPolicy(
                "test SD-JWT",
                maxChars,
                64,
                maxDisclosureChars,
                maxDepth,
                Reason.VC_MALFORMED,
                Reason.VC_SIGNATURE_INVALID);
    }

    @Test
    void aLeadingTildeIsStillTheSdJwtForm() {
        assertTrue(SdJwt.isSdJwt("~"));
        assertTrue(SdJwt.isSdJwt("~x"));
        assertFalse(SdJwt.isSdJwt("x"));
    }

    @Test
    void textAndDisclosureOfExactlyTheirLimitsAreRead() {
        String d = SdJwts.disclosure("given_name", "Erika");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("_sd", List.of(SdJwts.digest(d)));
        String text = jwt(payload) + "~" + d + "~";
        SdJwt read = SdJwt.parse(text, policy(text.length(), d.length(), 32));
        assertEquals("Erika", read.disclosed().get("given_name"));
        refused(Reason.VC_MALFORMED, () -> SdJwt.parse(text, policy(text.length() - 1, d.length(), 32)));
        refused(Reason.VC_MALFORMED, () -> SdJwt.parse(text, policy(text.length(), d.length() - 1, 32)));
    }

    @Test
    void depthCountsEveryLevelOfObjectsAndArrays() {
        // The payload is level 1, its members level 2.
        assertEquals(
                Map.of("a", 1L),
                SdJwt.parse(jwt(Map.of("a", 1)) + "~", policy(100_000, 1000, 2)).disclosed());
        refused(Reason.VC_MALFORMED, () -> SdJwt.parse(jwt(Map.of("a", 1)) + "~", policy(100_000, 1000, 1)));
        // An object member's members are level 3.
        refused(
                Reason.VC_MALFORMED,
                () -> SdJwt.parse(jwt(Map.of("a", Map.of("b", 1))) + "~", policy(100_000, 1000, 2)));
        // An array's elements are level 3, disclosed or not.
        refused(Reason.VC_MALFORMED, () -> SdJwt.parse(jwt(Map.of("a", List.of(1))) + "~", policy(100_000, 1000, 2)));
        assertEquals(
                Map.of("a", List.of(1L)),
                SdJwt.parse(jwt(Map.of("a", List.of(1))) + "~", policy(100_000, 1000, 3))
                        .disclosed());
        String e = SdJwts.element(1);
        Map<String, Object> withElement = Map.of("a", List.of(Map.of("...", SdJwts.digest(e))));
        refused(Reason.VC_MALFORMED, () -> SdJwt.parse(jwt(withElement) + "~" + e + "~", policy(100_000, 1000, 2)));
        assertEquals(
                Map.of("a", List.of(1L)),
                SdJwt.parse(jwt(withElement) + "~" + e + "~", policy(100_000, 1000, 3))
                        .disclosed());
    }
}
