package io.lear.verifier.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DidKeyResolverTest {
    private static final String A = "did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv";
    private static final String B = "did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169";
    private static final String C = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";

    @Test
    void resolvingAloneKeepsNothing() {
        DidKeyResolver r = new DidKeyResolver(10);
        DidKey first = r.resolve(A);
        assertNotSame(first, r.resolve(A));
        assertEquals(A, first.did());
        assertEquals(0, r.size());
    }

    @Test
    void aRememberedKeyComesFromTheCache() {
        DidKeyResolver r = new DidKeyResolver(10);
        DidKey a = r.resolve(A);
        r.remember(a);
        assertSame(a, r.resolve(A));
        r.remember(r.resolve(A));
        assertEquals(1, r.size());
    }

    @Test
    void aFullCacheStartsOverInsteadOfGrowing() {
        DidKeyResolver r = new DidKeyResolver(2);
        r.remember(r.resolve(A));
        r.remember(r.resolve(B));
        assertEquals(2, r.size());
        r.remember(r.resolve(B));
        assertEquals(2, r.size());
        DidKey c = r.resolve(C);
        r.remember(c);
        assertEquals(1, r.size());
        assertSame(c, r.resolve(C));
    }

    @Test
    void anUnsupportedDidIsRefused() {
        DidKeyResolver r = new DidKeyResolver(10);
        assertThrows(IllegalArgumentException.class, () -> r.resolve("did:web:example.org"));
        assertEquals(0, r.size());
    }
}
