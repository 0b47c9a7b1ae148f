package io.lear.verifier.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.DpopProofs;
import io.lear.verifier.testsupport.MutableClock;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestJwts;
import io.lear.verifier.testsupport.TestMachine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every rule of the proof itself (RFC 9449 §4.3, profile §17), each refusal with its exact status, error, reason. */
class DpopProofVerifierTest {
    static final String HTU = "https://verifier.example.org/oidc/token";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
    private final DpopProofVerifier verifier =
            new DpopProofVerifier(clock, Duration.ofSeconds(60), Duration.ofSeconds(300));
    private final TestMachine machine = TestMachine.p256();

    private DpopProofs proofs() {
        return new DpopProofs(machine, HTU, clock.instant());
    }

    static void assertInvalid(Reason reason, OAuthException e) {
        assertEquals(400, e.status());
        assertEquals("invalid_dpop_proof", e.error().code());
        assertEquals(reason, e.reason());
    }

    private void refused(DpopProofs p) {
        refused(p.proof());
    }

    private void refused(String proof) {
        OAuthException e = assertThrows(OAuthException.class, () -> verifier.verify(proof, "POST", HTU));
        assertInvalid(Reason.DPOP_PROOF_INVALID, e);
    }

    @Test
    void aValidProofGivesItsKeysThumbprintJtiAndHowLongToKeepIt() {
        DpopProofs p = proofs();
        DpopProof proof = verifier.verify(p.proof(), "POST", HTU);
        assertEquals(Thumbprint.of(Scenario.publicJwk(machine)), proof.jkt());
        assertEquals(p.jti, proof.jti());
        assertEquals(clock.instant().plusSeconds(360), proof.keepUntil());
        assertEquals(Optional.empty(), proof.ath());
    }

    @Test
    void ed25519ProofsAreAcceptedToo() {
        DpopProofs p = new DpopProofs(TestMachine.ed25519(), HTU, clock.instant());
        verifier.verify(p.proof(), "POST", HTU);
    }

    @Test
    void notAJwsIsInvalid() {
        refused("not-a-jwt");
        refused("");
        refused(proofs().proof().substring(0, 20));
    }

    @Test
    void longerThan8KiBIsInvalid() {
        DpopProofs p = proofs();
        p.payload = c -> c.put("pad", "x".repeat(DpopProofVerifier.MAX_PROOF_CHARS));
        refused(p);
    }

    @Test
    void typMustBeDpopJwt() {
        for (Object typ : new Object[] {"JWT", "at+jwt", "dpop", 7}) {
            DpopProofs p = proofs();
            p.header = h -> h.put("typ", typ);
            refused(p);
        }
        DpopProofs none = proofs();
        none.header = h -> h.remove("typ");
        refused(none);
        DpopProofs upper = proofs();
        upper.header = h -> h.put("typ", "DPoP+JWT");
        verifier.verify(upper.proof(), "POST", HTU);
    }

    @Test
    void algMustBeOneOfTheClientAssertionAlgorithms() {
        for (String alg : List.of("none", "HS256", "RS256", "ES384")) {
            DpopProofs p = proofs();
            p.header = h -> h.put("alg", alg);
            refused(TestJwts.unsigned(header(p, alg), Map.of("jti", "x"), "c2ln"));
        }
    }

    private static Map<String, Object> header(DpopProofs p, String alg) {
        Map<String, Object> h = TestJwts.header(alg);
        h.put("typ", "dpop+jwt");
        h.put("jwk", Scenario.publicJwk(p.signer));
        return h;
    }

    @Test
    void algMustFitTheJwk() {
        DpopProofs p = new DpopProofs(TestMachine.ed25519(), HTU, clock.instant());
        p.header = h -> h.put("jwk", Scenario.publicJwk(machine));
        refused(p);
    }

    @Test
    void jwkMustBePresentPublicAndAP256OrEd25519Key() throws Exception {
        DpopProofs missing = proofs();
        missing.header = h -> h.remove("jwk");
        refused(missing);
        DpopProofs notObject = proofs();
        notObject.header = h -> h.put("jwk", "key");
        refused(notObject);
        for (String member : DpopProofVerifier.PRIVATE_MEMBERS) {
            DpopProofs p = proofs();
            p.header = h -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> jwk = new java.util.LinkedHashMap<>((Map<String, Object>) h.get("jwk"));
                jwk.put(member, "AAAA");
                h.put("jwk", jwk);
            };
            refused(p);
        }
        DpopProofs otherCurve = proofs();
        otherCurve.header = h -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> jwk = new java.util.LinkedHashMap<>((Map<String, Object>) h.get("jwk"));
            jwk.put("crv", "P-384");
            h.put("jwk", jwk);
        };
        refused(otherCurve);
        DpopProofs garbage = proofs();
        garbage.header = h -> h.put("jwk", Map.of("kty", "EC", "crv", "P-256", "x", "AA", "y", "AA"));
        refused(garbage);
    }

    @Test
    void theSignatureMustVerifyWithTheHeaderJwk() {
        DpopProofs p = proofs();
        p.header = h -> h.put("jwk", Scenario.publicJwk(TestMachine.p256()));
        refused(p);
        String valid = proofs().proof();
        String[] parts = valid.split("\\.");
        refused(parts[0] + "." + TestJwts.b64("{\"jti\":\"other\"}") + "." + parts[2]);
    }

    @Test
    void criticalHeadersAreRefused() {
        DpopProofs p = proofs();
        p.header = h -> {
            h.put("crit", List.of("exp"));
            h.put("exp", 1);
        };
        refused(p);
    }

    @Test
    void htmMustBeTheRequestMethod() {
        for (Object htm : new Object[] {"GET", "post", "", 1}) {
            DpopProofs p = proofs();
            p.payload = c -> c.put("htm", htm);
            refused(p);
        }
        DpopProofs missing = proofs();
        missing.payload = c -> c.remove("htm");
        refused(missing);
    }

    @Test
    void htuMustBeTheRequestUriIgnoringQueryAndFragment() {
        for (String htu : List.of(
                "https://verifier.example.org/oidc/token/",
                "https://verifier.example.org/oidc/jwks",
                "http://verifier.example.org/oidc/token",
                "https://evil.example.org/oidc/token",
                "https://verifier.example.org:8443/oidc/token",
                "/oidc/token",
                "https://user@verifier.example.org/oidc/token",
                "not a uri")) {
            DpopProofs p = proofs();
            p.htu = htu;
            refused(p);
        }
        DpopProofs missing = proofs();
        missing.payload = c -> c.remove("htu");
        refused(missing);
        for (String same : List.of(
                "https://verifier.example.org/oidc/token?x=1",
                "https://verifier.example.org/oidc/token#f",
                "HTTPS://Verifier.Example.org:443/oidc/token")) {
            DpopProofs p = proofs();
            p.htu = same;
            verifier.verify(p.proof(), "POST", HTU);
        }
    }

    @Test
    void iatMayBeAtMostTheSkewAheadAndMaxAgePlusSkewOld() {
        DpopProofs future = proofs();
        future.iat = clock.instant().plusSeconds(61);
        refused(future);
        DpopProofs old = proofs();
        old.iat = clock.instant().minusSeconds(361);
        refused(old);
        for (long offset : new long[] {60, -360}) {
            DpopProofs edge = proofs();
            edge.iat = clock.instant().plusSeconds(offset);
            verifier.verify(edge.proof(), "POST", HTU);
        }
        DpopProofs missing = proofs();
        missing.payload = c -> c.remove("iat");
        refused(missing);
        DpopProofs text = proofs();
        text.payload = c -> c.put("iat", "now");
        refused(text);
    }

    @Test
    void jtiMustBePresentAndAtMost256Characters() {
        DpopProofs missing = proofs();
        missing.payload = c -> c.remove("jti");
        refused(missing);
        DpopProofs empty = proofs();
        empty.jti = "";
        refused(empty);
        DpopProofs longer = proofs();
        longer.jti = "j".repeat(257);
        refused(longer);
        DpopProofs limit = proofs();
        limit.jti = "j".repeat(256);
        assertEquals(limit.jti, verifier.verify(limit.proof(), "POST", HTU).jti());
    }

    @Test
    void theClientKeyRuleRefusesAnyOtherKeyAsKeyMismatch() {
        DpopProof proof = verifier.verify(proofs().proof(), "POST", HTU);
        DpopProofVerifier.requireClientKey(proof, machine.keys().getPublic());
        OAuthException e = assertThrows(
                OAuthException.class,
                () -> DpopProofVerifier.requireClientKey(
                        proof, TestMachine.p256().keys().getPublic()));
        assertInvalid(Reason.DPOP_KEY_MISMATCH, e);
    }

    @Test
    void athMustBeTheHashOfThePresentedToken() {
        DpopProofs p = proofs();
        p.htm = "GET";
        p.accessToken = "the-token";
        DpopProof proof = verifier.verify(p.proof(), "GET", HTU);
        DpopProofVerifier.requireAccessTokenHash(proof, "the-token");
        assertInvalid(
                Reason.DPOP_PROOF_INVALID,
                assertThrows(
                        OAuthException.class, () -> DpopProofVerifier.requireAccessTokenHash(proof, "other-token")));
        DpopProof noAth = verifier.verify(proofs().proof(), "POST", HTU);
        assertInvalid(
                Reason.DPOP_PROOF_INVALID,
                assertThrows(OAuthException.class, () -> DpopProofVerifier.requireAccessTokenHash(noAth, "the-token")));
    }

    @Test
    void athKnownAnswerOfRfc9449Section7_1() {
        // RFC 9449 §7.1: the access token of the example request and the "ath" of its proof.
        assertEquals(
                "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo",
                DpopProofVerifier.accessTokenHash("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"));
    }

    @Test
    void headersTwoAreRefusedNoneIsNoProof() {
        assertEquals(Optional.empty(), DpopHeaders.single(List.of()));
        assertEquals(Optional.empty(), DpopHeaders.single(null));
        assertEquals(Optional.of("a.b.c"), DpopHeaders.single(List.of("a.b.c")));
        assertInvalid(
                Reason.DPOP_PROOF_INVALID,
                assertThrows(OAuthException.class, () -> DpopHeaders.single(List.of("a.b.c", "a.b.c"))));
        assertInvalid(
                Reason.DPOP_PROOF_INVALID, assertThrows(OAuthException.class, () -> DpopHeaders.single(List.of(" "))));
        assertTrue(true);
    }
}
