package io.lear.verifier.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestMachine;
import io.lear.verifier.testsupport.TestVerifier;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Profile §4 and §5 rules that each get one failing case of their own: 401 invalid_client with the reason. */
class PresentationAndKeyRulesTest {
    private final TestVerifier verifier = TestVerifier.create();
    private final long now = verifier.clock.instant().getEpochSecond();

    private void refused(Reason reason, Scenario s, Optional<String> clientId) {
        OAuthException e =
                assertThrows(OAuthException.class, () -> verifier.authenticator.authenticate(s.assertion(), clientId));
        assertEquals(reason, e.reason(), e.description());
        assertEquals(401, e.status());
        assertEquals("invalid_client", e.error().code());
    }

    private void refused(Reason reason, Scenario s) {
        refused(reason, s, Optional.of(s.machine.did()));
    }

    private void accepted(Scenario s) {
        verifier.authenticator.authenticate(s.assertion(), Optional.of(s.machine.did()));
    }

    @Test
    void vpIssuedBeyondTheSkewInTheFutureIsNotYetValid() {
        Scenario s = verifier.scenario();
        s.vpPayload = p -> {
            p.remove("nbf");
            p.put("iat", now + 61);
        };
        refused(Reason.VP_NOT_YET_VALID, s);
    }

    @Test
    void vpIssuedWithinTheSkewIsAccepted() {
        Scenario s = verifier.scenario();
        s.vpPayload = p -> {
            p.remove("nbf");
            p.put("iat", now + 59);
        };
        accepted(s);
    }

    @Test
    void vpWithACriticalHeaderIsMalformed() {
        Scenario s = verifier.scenario();
        s.vpHeader = h -> {
            h.put("crit", List.of("b64"));
            h.put("b64", true);
        };
        refused(Reason.VP_MALFORMED, s);
    }

    @Test
    void twoMachineCredentialsInOneVpAreMalformed() {
        Scenario s = verifier.scenario();
        s.extraCredentials.add(s.credential());
        refused(Reason.VP_MALFORMED, s);
    }

    @Test
    void assertionIssuerWithAFragmentIsASubjectMismatch() {
        Scenario s = verifier.scenario();
        String withFragment = s.machine.did() + "#" + s.machine.did().substring("did:key:".length());
        s.assertionPayload = p -> {
            p.put("iss", withFragment);
            p.put("sub", withFragment);
        };
        refused(Reason.ASSERTION_SUBJECT_MISMATCH, s, Optional.empty());
    }

    @Test
    void kidWhoseFragmentNamesAnotherKeyIsUnresolvable() {
        Scenario s = verifier.scenario();
        String other = TestMachine.p256().did().substring("did:key:".length());
        s.assertionHeader = h -> h.put("kid", s.machine.did() + "#" + other);
        refused(Reason.ASSERTION_KEY_UNRESOLVABLE, s);
    }

    @Test
    void kidWithoutFragmentNamingTheClientIsAccepted() {
        Scenario s = verifier.scenario();
        s.assertionHeader = h -> h.put("kid", s.machine.did());
        accepted(s);
    }

    @Test
    void assertionLifetimeOfExactlyTheMaximumIsAccepted() {
        Scenario s = verifier.scenario();
        s.assertionPayload = p -> {
            p.put("iat", now);
            p.put("exp", now + 600);
        };
        accepted(s);
    }

    @Test
    void vpKidNamingAnotherDidIsAHolderMismatch() {
        Scenario s = verifier.scenario();
        s.vpHeader = h -> h.put("kid", TestMachine.p256().did());
        refused(Reason.VP_HOLDER_MISMATCH, s);
    }

    @Test
    void vpWithTenCredentialsIsAccepted() {
        Scenario s = verifier.scenario();
        // A small companion credential of another type: the VP may carry it, the verifier ignores it.
        String other = io.lear.verifier.testsupport.TestJwts.sign(
                io.lear.verifier.testsupport.TestJwts.header("ES256"),
                java.util.Map.of(
                        "vc", java.util.Map.of("type", List.of("LEARCredentialEmployee", "VerifiableCredential"))),
                io.lear.verifier.testsupport.TestPki.ec().getPrivate());
        for (int i = 0; i < 9; i++) {
            s.extraCredentials.add(other);
        }
        accepted(s);
    }

    @Test
    void hmacAssertionIsRefusedForItsAlgorithmBeforeTheIssuerIsResolved() {
        String hs = io.lear.verifier.testsupport.TestJwts.unsigned(
                io.lear.verifier.testsupport.TestJwts.header("HS256"),
                java.util.Map.of("iss", "did:web:example.org", "sub", "did:web:example.org"),
                "c2ln");
        OAuthException e =
                assertThrows(OAuthException.class, () -> verifier.authenticator.authenticate(hs, Optional.empty()));
        assertEquals(Reason.ASSERTION_ALG_NOT_ALLOWED, e.reason());
    }
}
