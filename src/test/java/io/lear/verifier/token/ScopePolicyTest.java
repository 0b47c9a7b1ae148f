package io.lear.verifier.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopePolicyTest {
    private final ScopePolicy policy = new ScopePolicy(new LinkedHashSet<>(List.of("machine", "learcredential")));

    @Test
    void thirtyTwoScopeValuesAreRead() {
        String scope = String.join(" ", Collections.nCopies(32, "machine"));
        assertEquals(List.of("machine"), policy.grant(Optional.of(scope), Set.of()));
    }

    @Test
    void thirtyThreeScopeValuesAreTooMany() {
        String scope = String.join(" ", Collections.nCopies(33, "machine"));
        OAuthException e = assertThrows(OAuthException.class, () -> policy.grant(Optional.of(scope), Set.of()));
        assertEquals(Reason.SCOPE_NOT_ALLOWED, e.reason());
        assertEquals("too many scope values", e.description());
    }

    @Test
    void withoutScopeEveryAllowedScopeWithinTheRegistration() {
        assertEquals(List.of("machine", "learcredential"), policy.grant(Optional.empty(), Set.of()));
        assertEquals(List.of("learcredential"), policy.grant(Optional.empty(), Set.of("learcredential", "other")));
    }

    @Test
    void scopeOutsideTheRegistrationIsRefused() {
        assertEquals(
                Reason.SCOPE_NOT_ALLOWED,
                assertThrows(OAuthException.class, () -> policy.grant(Optional.of("machine"), Set.of("learcredential")))
                        .reason());
    }
}
