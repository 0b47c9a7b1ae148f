package io.lear.verifier.client;

import static io.lear.verifier.testsupport.PayloadPaths.mandatee;
import static io.lear.verifier.testsupport.PayloadPaths.vc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.ListServer;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestMachine;
import io.lear.verifier.testsupport.TestVerifier;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The documented order of the credential checks after its signature (README, "The order of checks"): trusted issuer,
 * validity, holder binding, participant mandator. One credential that fails all of them is refused for the first;
 * mending that one reveals the next.
 */
class CredentialCheckOrderTest {
    private static final String NOBODY_LISTED = "{\"participants\":[{\"organizationIdentifier\":\"VATES-X0000000X\"}]}";

    private final TestVerifier untrusting = TestVerifier.create(
            Map.of("verifier.trust.participants", TestVerifier.write("participants.json", NOBODY_LISTED)),
            "{\"issuers\":[]}");
    private final TestVerifier trusting = TestVerifier.create(
            Map.of("verifier.trust.participants", TestVerifier.write("participants.json", NOBODY_LISTED)));

    private static Reason reason(TestVerifier v, Scenario s) {
        OAuthException e = assertThrows(
                OAuthException.class, () -> v.authenticator.authenticate(s.assertion(), Optional.of(s.machine.did())));
        assertEquals(401, e.status());
        assertEquals("invalid_client", e.error().code());
        return e.reason();
    }

    private Scenario failing(TestVerifier v, boolean expired, boolean otherHolder) {
        Scenario s = v.scenario();
        String stranger = TestMachine.p256().did();
        s.vcPayload = p -> {
            if (expired) {
                vc(p).put("validUntil", v.clock.instant().minusSeconds(3600).toString());
            }
            if (otherHolder) {
                mandatee(p).put("id", stranger);
            }
        };
        return s;
    }

    @Test
    void untrustedIssuerComesBeforeValidityHolderAndMandator() {
        assertEquals(Reason.VC_ISSUER_UNTRUSTED, reason(untrusting, failing(untrusting, true, true)));
    }

    /**
     * The same with a registry the verifier must ask: a local list is consulted before the signature already (no key
     * work for a stranger), a registry only after the path, and then still before the validity window.
     */
    @Test
    void anIssuerTheRegistryDoesNotListComesBeforeValidityHolderAndMandator() {
        try (ListServer registry = ListServer.started()) {
            registry.answer("/v4/issuers/" + Scenario.ISSUER_DID, ListServer.Answer.status(404));
            TestVerifier asksTheRegistry = TestVerifier.create(
                    Map.of(
                            "verifier.fetch.allow-http",
                            "true",
                            "verifier.trust.tir-url",
                            registry.url("/v4/issuers/"),
                            "verifier.trust.participants",
                            TestVerifier.write("participants.json", NOBODY_LISTED)),
                    "{\"issuers\":[]}");
            assertEquals(Reason.VC_ISSUER_UNTRUSTED, reason(asksTheRegistry, failing(asksTheRegistry, true, true)));
        }
    }

    @Test
    void validityComesBeforeHolderBindingAndMandator() {
        assertEquals(Reason.VC_EXPIRED, reason(trusting, failing(trusting, true, true)));
    }

    @Test
    void holderBindingComesBeforeTheMandator() {
        assertEquals(Reason.VC_HOLDER_MISMATCH, reason(trusting, failing(trusting, false, true)));
    }

    @Test
    void theMandatorIsCheckedLastOfThese() {
        assertEquals(Reason.VC_MANDATOR_UNTRUSTED, reason(trusting, failing(trusting, false, false)));
    }
}
