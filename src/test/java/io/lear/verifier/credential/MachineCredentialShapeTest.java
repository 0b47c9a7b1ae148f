package io.lear.verifier.credential;

import static io.lear.verifier.testsupport.PayloadPaths.mandate;
import static io.lear.verifier.testsupport.PayloadPaths.mandatee;
import static io.lear.verifier.testsupport.PayloadPaths.mandator;
import static io.lear.verifier.testsupport.PayloadPaths.subject;
import static io.lear.verifier.testsupport.PayloadPaths.vc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.client.AuthenticatedClient;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.StatusListCredentials;
import io.lear.verifier.testsupport.TestVerifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Profile §6: the shape of a LEARCredentialMachine, one defect per test, each refused as 401 vc_malformed. */
class MachineCredentialShapeTest {
    private final TestVerifier verifier = TestVerifier.create();

    private Scenario with(Consumer<Map<String, Object>> change) {
        Scenario s = verifier.scenario();
        s.vcPayload = change;
        return s;
    }

    private AuthenticatedClient accepted(Consumer<Map<String, Object>> change) {
        Scenario s = with(change);
        return verifier.authenticator.authenticate(s.assertion(), Optional.of(s.machine.did()));
    }

    private OAuthException refused(Consumer<Map<String, Object>> change) {
        Scenario s = with(change);
        return assertThrows(
                OAuthException.class, () -> verifier.authenticator.authenticate(s.assertion(), Optional.empty()));
    }

    private void malformed(Consumer<Map<String, Object>> change) {
        OAuthException e = refused(change);
        assertEquals(Reason.VC_MALFORMED, e.reason(), e.description());
        assertEquals(401, e.status());
    }

    private static Map<String, Object> power(int actions) {
        Map<String, Object> p = new LinkedHashMap<>(Map.of("domain", "DOME", "function", "Onboarding"));
        p.put("action", new ArrayList<>(Collections.nCopies(actions, "Execute")));
        return p;
    }

    @Test
    void vcClaimThatIsNotAnObject() {
        malformed(p -> p.put("vc", "a string"));
    }

    @Test
    void credentialIdFallsBackToTheJwtId() {
        assertEquals(
                "urn:uuid:from-jti",
                accepted(p -> {
                            vc(p).remove("id");
                            p.put("jti", "urn:uuid:from-jti");
                        })
                        .credential()
                        .id());
    }

    @Test
    void noCredentialSubject() {
        malformed(p -> vc(p).remove("credentialSubject"));
    }

    @Test
    void noMandate() {
        malformed(p -> subject(p).remove("mandate"));
    }

    @Test
    void noMandatee() {
        malformed(p -> mandate(p).remove("mandatee"));
    }

    @Test
    void blankMandateeId() {
        malformed(p -> mandatee(p).put("id", " "));
    }

    @Test
    void noMandator() {
        malformed(p -> mandate(p).remove("mandator"));
    }

    @Test
    void mandatorWithoutOrganizationIdentifier() {
        malformed(p -> mandator(p).remove("organizationIdentifier"));
    }

    @Test
    void mandatorWithBlankOrganizationIdentifier() {
        malformed(p -> mandator(p).put("organizationIdentifier", ""));
    }

    @Test
    void mandatorEmailAddressIsReadLikeEmail() {
        assertEquals(
                Optional.of("legacy@example.org"),
                accepted(p -> {
                            mandator(p).remove("email");
                            mandator(p).put("emailAddress", "legacy@example.org");
                        })
                        .credential()
                        .mandator()
                        .email());
    }

    @Test
    void sixtyFourPowersAreRead() {
        assertEquals(
                64,
                accepted(p -> mandate(p).put("power", new ArrayList<>(Collections.nCopies(64, power(1)))))
                        .credential()
                        .powers()
                        .size());
    }

    @Test
    void sixtyFivePowersAreTooMany() {
        malformed(p -> mandate(p).put("power", new ArrayList<>(Collections.nCopies(65, power(1)))));
    }

    @Test
    void thirtyTwoActionsAreRead() {
        assertEquals(
                32,
                accepted(p -> mandate(p).put("power", List.of(power(32))))
                        .credential()
                        .powers()
                        .size());
    }

    @Test
    void thirtyThreeActionsAreTooMany() {
        malformed(p -> mandate(p).put("power", List.of(power(33))));
    }

    @Test
    void powerWithoutDomain() {
        malformed(p -> {
            Map<String, Object> power = power(1);
            power.remove("domain");
            mandate(p).put("power", List.of(power));
        });
    }

    @Test
    void powerWithoutFunction() {
        malformed(p -> {
            Map<String, Object> power = power(1);
            power.remove("function");
            mandate(p).put("power", List.of(power));
        });
    }

    private static List<Map<String, Object>> statuses(int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(StatusListCredentials.entry("UnsupportedEntry", "revocation", i, "https://lists.example.org/s"));
        }
        return out;
    }

    @Test
    void eightStatusEntriesAreAllRead() {
        // Read, then refused at the first unsupported type: 503, not malformed.
        assertEquals(
                Reason.VC_STATUS_UNAVAILABLE,
                refused(p -> StatusListCredentials.pointAll(p, statuses(8))).reason());
    }

    @Test
    void nineStatusEntriesAreTooMany() {
        malformed(p -> StatusListCredentials.pointAll(p, statuses(9)));
    }

    @Test
    void statusEntryWithoutType() {
        malformed(p -> {
            List<Map<String, Object>> one = statuses(1);
            one.get(0).remove("type");
            StatusListCredentials.pointAll(p, one);
        });
    }

    private Scenario withChainOf(int intermediates) {
        Scenario s = verifier.scenario();
        List<String> chain = new ArrayList<>(List.of(s.x5c.get(0)));
        chain.addAll(Collections.nCopies(intermediates, verifier.pki.intermediate.x5c()));
        s.x5c = chain;
        return s;
    }

    @Test
    void x5cOfFiveCertificatesIsRead() {
        Scenario s = withChainOf(4);
        verifier.authenticator.authenticate(s.assertion(), Optional.empty());
    }

    @Test
    void x5cOfSixCertificatesIsTooLong() {
        Scenario s = withChainOf(5);
        OAuthException e = assertThrows(
                OAuthException.class, () -> verifier.authenticator.authenticate(s.assertion(), Optional.empty()));
        assertEquals(Reason.VC_MALFORMED, e.reason(), e.description());
    }

    @Test
    void vcdm2CredentialWhosePayloadIsTheCredentialIsRead() {
        AuthenticatedClient client = accepted(p -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> vc = (Map<String, Object>) p.remove("vc");
            vc.put("id", "urn:uuid:vcdm2-credential");
            p.putAll(vc);
        });
        assertEquals("urn:uuid:vcdm2-credential", client.credential().id());
        assertEquals("VATES-B60645900", client.credential().mandator().organizationIdentifier());
    }
}
