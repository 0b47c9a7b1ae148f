package io.lear.verifier.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.SdJwt;
import io.lear.verifier.jose.SdJwtPolicy;
import io.lear.verifier.testsupport.TestJwts;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each lineage reader names its own configuration id, and the SD-JWT reader refuses what it cannot read. */
class LineageReadersTest {
    @Test
    void eachReaderNamesItsConfigurationId() {
        assertEquals("LEARCredentialMachine", new LegacyMachineLineage().configurationId());
        assertEquals("learcredential.machine.w3c.3", new W3c3MachineLineage().configurationId());
        assertEquals("learcredential.machine.sd.1", new SdJwtMachineLineage().configurationId());
        CredentialLineages all = new CredentialLineages(java.util.Set.of(
                "LEARCredentialMachine", "learcredential.machine.w3c.3", "learcredential.machine.sd.1"));
        assertEquals(
                "LEARCredentialMachine", all.reader("LEARCredentialMachine").configurationId());
        assertEquals(
                "learcredential.machine.w3c.3",
                all.reader("learcredential.machine.w3c.3").configurationId());
    }

    private static PresentedCredential.Sd sd(Map<String, Object> payload) {
        String jwt = TestJwts.unsigned(TestJwts.header("ES256"), payload, "c2ln");
        return new PresentedCredential.Sd(SdJwt.parse(jwt + "~", SdJwtPolicy.CREDENTIAL));
    }

    private static Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("iss", "did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169");
        p.put("vct", "learcredential.machine.sd.1");
        p.put(
                "mandate",
                Map.of(
                        "power", java.util.List.of(),
                        "mandatee", Map.of("id", "did:key:zMandatee"),
                        "mandator", Map.of("organizationIdentifier", "VATES-B60645900")));
        p.put("cnf", Map.of("kid", "k"));
        return p;
    }

    private static void malformed(Map<String, Object> payload) {
        OAuthException e = assertThrows(OAuthException.class, () -> new SdJwtMachineLineage().read(sd(payload)));
        assertEquals(Reason.VC_MALFORMED, e.reason(), e.description());
    }

    @Test
    void noIssIsMalformed() {
        Map<String, Object> p = payload();
        p.remove("iss");
        malformed(p);
    }

    @Test
    void issNeitherDidNorOrganizationIdentifierIsMalformed() {
        Map<String, Object> p = payload();
        p.put("iss", "https://issuer.example/");
        malformed(p);
    }

    @Test
    void noMandateIsMalformed() {
        Map<String, Object> p = payload();
        p.remove("mandate");
        malformed(p);
    }

    @Test
    void idStandsInForAMissingJti() {
        Map<String, Object> p = payload();
        p.put("id", "urn:uuid:1234");
        try {
            assertEquals("urn:uuid:1234", new SdJwtMachineLineage().read(sd(p)).id());
            p.put("jti", "urn:uuid:jti");
            assertEquals("urn:uuid:jti", new SdJwtMachineLineage().read(sd(p)).id());
        } catch (OAuthException e) {
            throw new AssertionError(e.reason() + ": " + e.description(), e);
        }
    }
}
