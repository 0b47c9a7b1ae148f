package io.lear.verifier.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.client.ReplayGuard.Claim;
import io.lear.verifier.client.ReplayGuard.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What every replay store does with the two jtis of a DPoP request (profile §11, §17), memory and Redis alike. */
final class ReplayClaimsContract {
    private ReplayClaimsContract() {}

    static void check(ReplayGuard g, String client, Instant keep) {
        Claim a1 = new Claim(Kind.ASSERTION, "a1", keep);
        Claim p1 = new Claim(Kind.DPOP_PROOF, "p1", keep);
        assertEquals(Optional.empty(), g.firstUse(client, List.of(a1, p1)));
        // the same values again: the first one seen is named
        assertEquals(Optional.of(a1), g.firstUse(client, List.of(a1, p1)));

        // a fresh assertion with a replayed proof: refused as the proof, and the assertion's jti stays free
        Claim a2 = new Claim(Kind.ASSERTION, "a2", keep);
        assertEquals(Optional.of(p1), g.firstUse(client, List.of(a2, p1)));
        assertTrue(g.firstUse(client, "a2", keep), "a refused request left its assertion jti behind");

        // a replayed assertion with a fresh proof: the proof's jti stays free
        Claim p3 = new Claim(Kind.DPOP_PROOF, "p3", keep);
        assertEquals(Optional.of(a1), g.firstUse(client, List.of(a1, p3)));
        assertEquals(Optional.empty(), g.firstUse(client, List.of(new Claim(Kind.ASSERTION, "a3", keep), p3)));

        // an assertion and a proof may share a value: they are kept apart
        Claim same = new Claim(Kind.DPOP_PROOF, "a3-shared", keep);
        assertEquals(Optional.empty(), g.firstUse(client, List.of(new Claim(Kind.ASSERTION, "a3-shared", keep), same)));
        // and a proof jti is per client
        assertEquals(Optional.empty(), g.firstUse(client + "x", List.of(new Claim(Kind.ASSERTION, "b", keep), p1)));
        assertFalse(g.firstUse(client, "a1", keep));
    }
}
