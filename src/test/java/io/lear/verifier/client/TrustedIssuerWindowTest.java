package io.lear.verifier.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestVerifier;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Profile §6/§7: the issuer must be listed for LEARCredentialMachine within the entry's validFrom/validUntil. */
class TrustedIssuerWindowTest {
    private static TestVerifier listing(String window) {
        return TestVerifier.withIssuers("{\"issuers\":[{\"id\":\"" + Scenario.ISSUER_DID
                + "\",\"credentialTypes\":[\"LEARCredentialMachine\"]," + window + "}]}");
    }

    private static void refusedAsUntrusted(TestVerifier v) {
        Scenario s = v.scenario();
        OAuthException e =
                assertThrows(OAuthException.class, () -> v.authenticator.authenticate(s.assertion(), Optional.empty()));
        assertEquals(Reason.VC_ISSUER_UNTRUSTED, e.reason(), e.description());
        assertEquals(401, e.status());
    }

    @Test
    void issuerListedFromTomorrowIsNotTrustedToday() {
        refusedAsUntrusted(listing("\"validFrom\":\"" + Instant.now().plusSeconds(86_400) + "\""));
    }

    @Test
    void issuerWhoseListingEndedIsNotTrusted() {
        refusedAsUntrusted(listing("\"validUntil\":\"" + Instant.now().minusSeconds(86_400) + "\""));
    }

    @Test
    void issuerWithinItsListingWindowIsTrusted() {
        TestVerifier v = listing("\"validFrom\":\"" + Instant.now().minusSeconds(86_400) + "\",\"validUntil\":\""
                + Instant.now().plusSeconds(86_400) + "\"");
        Scenario s = v.scenario();
        v.authenticator.authenticate(s.assertion(), Optional.empty());
    }

    @Test
    void listingWindowAllowsTheClockSkewLikeEveryOtherTimeCheck() {
        // Default skew 60 s: a listing that starts in 30 s, or ended 30 s ago, still covers now; 90 s does not.
        TestVerifier starting = listing("\"validFrom\":\"" + Instant.now().plusSeconds(30) + "\"");
        starting.authenticator.authenticate(starting.scenario().assertion(), Optional.empty());
        TestVerifier ended = listing("\"validUntil\":\"" + Instant.now().minusSeconds(30) + "\"");
        ended.authenticator.authenticate(ended.scenario().assertion(), Optional.empty());
        refusedAsUntrusted(listing("\"validFrom\":\"" + Instant.now().plusSeconds(90) + "\""));
        refusedAsUntrusted(listing("\"validUntil\":\"" + Instant.now().minusSeconds(90) + "\""));
    }
}
