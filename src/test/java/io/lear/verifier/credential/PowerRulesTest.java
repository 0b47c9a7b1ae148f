package io.lear.verifier.credential;

import static io.lear.verifier.testsupport.PayloadPaths.mandate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.client.AuthenticatedClient;
import io.lear.verifier.credential.MachineCredential.Power;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestVerifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 20 finding 5: powers become {@code domain/function/action} groups, so no part may hold a {@code /} or a
 * control character; a v1 power stating a {@code tmf_*} member and its unprefixed twin must state them alike.
 */
class PowerRulesTest {
    private final TestVerifier verifier = TestVerifier.create();

    private Scenario with(Map<String, Object> power) {
        Scenario s = verifier.scenario();
        s.vcPayload = p -> mandate(p).put("power", List.of(power));
        return s;
    }

    private AuthenticatedClient accepted(Map<String, Object> power) {
        Scenario s = with(power);
        return verifier.authenticator.authenticate(s.assertion(), Optional.of(s.machine.did()));
    }

    private void malformed(Map<String, Object> power) {
        Scenario s = with(power);
        OAuthException e = assertThrows(
                OAuthException.class, () -> verifier.authenticator.authenticate(s.assertion(), Optional.empty()));
        assertEquals(Reason.VC_MALFORMED, e.reason(), e.description());
        assertEquals("invalid_client", e.error().code());
        assertEquals(401, e.status());
    }

    private static Map<String, Object> v2(String domain, String function, String action) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "domain");
        p.put("domain", domain);
        p.put("function", function);
        p.put("action", List.of(action));
        return p;
    }

    private static Map<String, Object> change(Map<String, Object> p, Consumer<Map<String, Object>> c) {
        c.accept(p);
        return p;
    }

    @Test
    void plainPowerIsAccepted() {
        assertEquals(
                List.of(new Power("DOME", "Onboarding", "Execute")),
                accepted(v2("DOME", "Onboarding", "Execute")).credential().powers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"A/B", "/", "A\u0000", "A\nB", "\u001b[31m", "A\u007f", "A\u0085"})
    void slashOrControlInDomainIsMalformed(String value) {
        malformed(v2(value, "Onboarding", "Execute"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"B/C", "B\rC", "\t"})
    void slashOrControlInFunctionIsMalformed(String value) {
        malformed(v2("DOME", value, "Execute"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Execute/Delete", "Execute\n", "\u0001"})
    void slashOrControlInActionIsMalformed(String value) {
        malformed(v2("DOME", "Onboarding", value));
    }

    @Test
    void slashInOneOfSeveralActionsIsMalformed() {
        malformed(change(v2("DOME", "Onboarding", "Execute"), p -> p.put("action", List.of("Execute", "A/B"))));
    }

    @Test
    void slashInAV1TmfMemberIsMalformed() {
        malformed(Map.of(
                "tmf_type", "Domain", "tmf_domain", "DOME/X", "tmf_function", "Onboarding", "tmf_action", "Execute"));
    }

    @Test
    void v1PowerIsRead() {
        assertEquals(
                List.of(new Power("DOME", "Onboarding", "Execute")),
                accepted(Map.of(
                                "tmf_type",
                                "Domain",
                                "tmf_domain",
                                "DOME",
                                "tmf_function",
                                "Onboarding",
                                "tmf_action",
                                "Execute"))
                        .credential()
                        .powers());
    }

    @Test
    void twinsStatingTheSameValueAreAccepted() {
        Map<String, Object> p = v2("DOME", "Onboarding", "Execute");
        p.put("tmf_type", "domain");
        p.put("tmf_domain", "DOME");
        p.put("tmf_function", "Onboarding");
        p.put("tmf_action", "Execute");
        assertEquals(
                List.of(new Power("DOME", "Onboarding", "Execute")),
                accepted(p).credential().powers());
    }

    @Test
    void domainAndTmfDomainDiffering() {
        malformed(change(v2("DOME", "Onboarding", "Execute"), p -> p.put("tmf_domain", "OTHER")));
    }

    @Test
    void functionAndTmfFunctionDiffering() {
        malformed(change(v2("DOME", "Onboarding", "Execute"), p -> p.put("tmf_function", "Billing")));
    }

    @Test
    void actionAndTmfActionDiffering() {
        malformed(change(v2("DOME", "Onboarding", "Execute"), p -> p.put("tmf_action", List.of("Delete"))));
    }

    @Test
    void typeAndTmfTypeDiffering() {
        malformed(change(v2("DOME", "Onboarding", "Execute"), p -> p.put("tmf_type", "organization")));
    }
}
