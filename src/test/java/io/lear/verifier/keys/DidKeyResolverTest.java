package io.lear.verifier.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DidKeyResolverTest {
    private static final String A = "did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv";
    private static final String B = "did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169";
    private static final String C = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";

    @Test
    void aDidResolvedAgainComesFromTheCache() {
        DidKeyResolver r = new DidKeyResolver(10);
        assertSame(r.resolve(A), r.resolve(A));
        assertEquals(1, r.size());
    }

    @Test
    void aFullCacheStartsOverInsteadOfGrowing() {
        DidKeyResolver r = new DidKeyResolver(2);
        r.resolve(A);
        r.resolve(B);
        assertEquals(2, r.size());
        r.resolve(C);
        assertEquals(1, r.size());
        assertEquals(C, r.resolve(C).did());
    }

    @Test
    void anUnsupportedDidIsRefusedAndNotCached() {
        DidKeyResolver r = new DidKeyResolver(10);
        assertThrows(IllegalArgumentException.class, () -> r.resolve("did:web:example.org"));
        assertEquals(0, r.size());
    }
}
