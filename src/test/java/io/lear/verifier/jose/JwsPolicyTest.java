package io.lear.verifier.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.TestJwts;
import io.lear.verifier.testsupport.TestPki;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** One policy type for every JWS: the status list path gets the issuer allow-list it lacked. */
class JwsPolicyTest {
    private static final KeyPair EC = TestPki.ec();

    private static CompactJws parse(String jws) {
        return CompactJws.parse(jws, Reason.VC_MALFORMED, "token", 100_000);
    }

    private static CompactJws signed(Map<String, Object> header) {
        return parse(TestJwts.sign(header, Map.of("a", "b"), EC.getPrivate()));
    }

    private static Reason refusal(Executable check) {
        return assertThrows(OAuthException.class, check).reason();
    }

    @Test
    void statusListsRefuseUnsignedAndSymmetricAlgorithms() {
        CompactJws none = parse(TestJwts.unsigned(TestJwts.header("none"), Map.of("a", "b"), ""));
        assertEquals(
                Reason.VC_ALG_NOT_ALLOWED,
                refusal(() -> JwsPolicy.STATUS_LIST.verify(none, EC.getPublic(), null, "k")));
        CompactJws hmac = parse(TestJwts.unsigned(TestJwts.header("HS256"), Map.of("a", "b"), "c2ln"));
        assertEquals(
                Reason.VC_ALG_NOT_ALLOWED,
                refusal(() -> JwsPolicy.STATUS_LIST.verify(hmac, EC.getPublic(), null, "k")));
    }

    @Test
    void eachKindRefusesWithItsOwnReason() {
        CompactJws rs = parse(TestJwts.unsigned(TestJwts.header("RS256"), Map.of("a", "b"), "c2ln"));
        assertEquals(
                Reason.ASSERTION_ALG_NOT_ALLOWED,
                refusal(() -> JwsPolicy.CLIENT_ASSERTION.requireAllowedAlgorithm(rs)));
        assertEquals(Reason.VP_SIGNATURE_INVALID, refusal(() -> JwsPolicy.PRESENTATION.requireAllowedAlgorithm(rs)));
        JwsPolicy.CREDENTIAL.requireAllowedAlgorithm(rs);
    }

    @Test
    void jadesSigningTimeIsUnderstoodOnlyWhereIssuersUseIt() {
        Map<String, Object> header = new LinkedHashMap<>(TestJwts.header("ES256"));
        header.put("crit", List.of("sigT"));
        header.put("sigT", "2025-01-01T00:00:00Z");
        CompactJws jades = signed(header);
        JwsPolicy.CREDENTIAL.verify(jades, EC.getPublic(), "ES256", "k");
        JwsPolicy.STATUS_LIST.verify(jades, EC.getPublic(), null, "k");
        assertEquals(
                Reason.ASSERTION_MALFORMED,
                refusal(() -> JwsPolicy.CLIENT_ASSERTION.verify(jades, EC.getPublic(), "ES256", "k")));
        assertEquals(
                Reason.VP_MALFORMED, refusal(() -> JwsPolicy.PRESENTATION.verify(jades, EC.getPublic(), "ES256", "k")));
        header.put("crit", List.of("b64"));
        CompactJws other = signed(header);
        assertEquals(
                Reason.VC_MALFORMED, refusal(() -> JwsPolicy.CREDENTIAL.verify(other, EC.getPublic(), "ES256", "k")));
    }

    @Test
    void anAlgorithmTheKeyCannotMakeIsAMismatch() {
        CompactJws es = signed(TestJwts.header("ES256"));
        assertEquals(
                Reason.ASSERTION_ALG_NOT_ALLOWED,
                refusal(() -> JwsPolicy.CLIENT_ASSERTION.verify(es, EC.getPublic(), "EdDSA", "k")));
        assertEquals(
                Reason.VC_SIGNATURE_INVALID,
                refusal(() -> JwsPolicy.CREDENTIAL.verify(es, EC.getPublic(), "EdDSA", "k")));
    }

    @Test
    void aSignatureByAnotherKeyIsInvalidAndTheSignersKeyPasses() {
        CompactJws es = signed(TestJwts.header("ES256"));
        KeyPair other = TestPki.ec();
        assertEquals(
                Reason.ASSERTION_SIGNATURE_INVALID,
                refusal(() -> JwsPolicy.CLIENT_ASSERTION.verify(es, other.getPublic(), "ES256", "k")));
        assertEquals(
                Reason.VC_SIGNATURE_INVALID,
                refusal(() -> JwsPolicy.STATUS_LIST.verify(es, other.getPublic(), null, "k")));
        JwsPolicy.CLIENT_ASSERTION.verify(es, EC.getPublic(), "ES256", "k");
    }

    @Test
    void namedKeepsEveryRuleAndChangesOnlyTheName() {
        JwsPolicy c = JwsPolicy.CREDENTIAL;
        JwsPolicy named = c.named("status list credential");
        org.junit.jupiter.api.Assertions.assertEquals(
                new JwsPolicy(
                        "status list credential",
                        c.algorithms(),
                        c.understoodCritical(),
                        Reason.VC_MALFORMED,
                        Reason.VC_ALG_NOT_ALLOWED,
                        Reason.VC_SIGNATURE_INVALID,
                        Reason.VC_SIGNATURE_INVALID),
                named);
        org.junit.jupiter.api.Assertions.assertEquals(
                "other", JwsPolicy.DPOP_PROOF.named("other").what());
    }
}
