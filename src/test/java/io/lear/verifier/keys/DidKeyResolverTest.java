package io.lear.verifier.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.cache.Admission;
import org.junit.jupiter.api.Test;

class DidKeyResolverTest {
    private static final String A = "did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv";
    private static final String B = "did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169";
    private static final String C = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";

    @Test
    void resolvingOutsideARequestKeepsNothing() {
        DidKeyResolver r = new DidKeyResolver(10);
        DidKey first = r.resolve(A);
        assertNotSame(first, r.resolve(A));
        assertEquals(A, first.did());
        assertEquals(0, r.size());
    }

    @Test
    void aKeyOfAGrantedRequestComesFromTheCache() {
        DidKeyResolver r = new DidKeyResolver(10);
        DidKey a = Admission.decide(() -> r.resolve(A));
        assertSame(a, r.resolve(A));
        Admission.decide(() -> r.resolve(A));
        assertEquals(1, r.size());
    }

    @Test
    void aKeyOfARefusedRequestIsNotKept() {
        DidKeyResolver r = new DidKeyResolver(10);
        assertThrows(
                IllegalStateException.class,
                () -> Admission.decide(() -> {
                    r.resolve(A);
                    throw new IllegalStateException("refused");
                }));
        assertEquals(0, r.size());
    }

    @Test
    void aFullCacheEvictsSomeEntriesNotAll() {
        DidKeyResolver r = new DidKeyResolver(2);
        Admission.decide(() -> r.resolve(A));
        Admission.decide(() -> r.resolve(B));
        assertEquals(2, r.size());
        Admission.decide(() -> r.resolve(C));
        assertEquals(2, r.size());
        assertTrue(r.size() > 0);
    }

    @Test
    void anUnsupportedDidIsRefused() {
        DidKeyResolver r = new DidKeyResolver(10);
        assertThrows(IllegalArgumentException.class, () -> Admission.decide(() -> r.resolve("did:web:example.org")));
        assertEquals(0, r.size());
    }
}
