package io.lear.verifier.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestVerifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A did:elsi credential's {@code x5c} of any JSON type but an array of 1 to 5 certificate strings is refused
 * {@code vc_malformed}, the same way every time, for the legacy and the w3c.3 credential. (CI of stop 23 saw a 200
 * for such a request in HostileInputIT; it was an empty 200 of the collected-body path, not a grant — this holds
 * the decision itself to the refusal.)
 */
class CertificateHeaderTypesTest {
    private static final TestVerifier VERIFIER = TestVerifier.create();

    static Stream<Arguments> wrongX5c() {
        List<Object> values = List.of(1L, 1.5, true, "text", Map.of("a", 1), List.of(), List.of(1, 2), List.of("AAAA"));
        Map<String, Supplier<Scenario>> lineages = Map.of("legacy", VERIFIER::scenario, "w3c3", VERIFIER::w3c3Scenario);
        return lineages.entrySet().stream()
                .flatMap(l -> values.stream().map(v -> Arguments.of(l.getKey(), l.getValue(), v)));
    }

    @ParameterizedTest(name = "{0} x5c={2}")
    @MethodSource("wrongX5c")
    void aCredentialWithAWrongX5cIsRefused(String lineage, Supplier<Scenario> scenario, Object x5c) {
        Scenario s = scenario.get();
        s.vcHeader = h -> h.put("x5c", x5c);
        for (int i = 0; i < 3; i++) {
            OAuthException e = assertThrows(
                    OAuthException.class, () -> VERIFIER.authenticator.authenticate(s.assertion(), Optional.empty()));
            assertEquals(401, e.status(), e.description());
            assertEquals("invalid_client", e.error().code());
            assertEquals(Reason.VC_MALFORMED, e.reason(), e.description());
        }
    }
}
