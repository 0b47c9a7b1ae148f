package io.lear.verifier.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The bounded cache's own operations, and the staging that admits only a granted request's artefacts. */
class BoundedCacheTest {
    @Test
    void removeDropsOnlyTheGivenKey() {
        BoundedCache<String, Integer> c = new BoundedCache<>(10);
        c.put("a", 1);
        c.put("b", 2);
        c.remove("a");
        assertNull(c.get("a"));
        assertEquals(2, c.get("b"));
        assertEquals(1, c.size());
    }

    @Test
    void clearDropsEverything() {
        BoundedCache<String, Integer> c = new BoundedCache<>(10);
        c.put("a", 1);
        c.put("b", 2);
        c.clear();
        assertNull(c.get("a"));
        assertNull(c.get("b"));
        assertEquals(0, c.size());
    }

    @Test
    void sizeNeverExceedsTheBoundAndTheBoundIsReported() {
        BoundedCache<Integer, Integer> c = new BoundedCache<>(7);
        for (int i = 0; i < 50; i++) {
            c.put(i, i);
        }
        assertEquals(7, c.size());
        assertEquals(7, c.maxEntries());
    }

    @Test
    void aNestedDecisionLeavesTheOuterStagingInPlace() {
        BoundedCache<String, Integer> c = new BoundedCache<>(10);
        Admission.decide(() -> {
            Admission.decide(() -> {
                Admission.stage(c, "inner", 1);
                return null;
            });
            Admission.stage(c, "outer", 2);
            return null;
        });
        assertEquals(1, c.get("inner"));
        assertEquals(2, c.get("outer"));
    }

    @Test
    void nothingIsStagedOutsideADecisionAfterOneHasEnded() {
        BoundedCache<String, Integer> c = new BoundedCache<>(10);
        Admission.decide(() -> null);
        Admission.stage(c, "after", 1);
        assertNull(c.get("after"));
    }

    @Test
    void aRefusedDecisionCachesNothing() {
        BoundedCache<String, Integer> c = new BoundedCache<>(10);
        try {
            Admission.decide(() -> {
                Admission.stage(c, "x", 1);
                throw new IllegalStateException("refused");
            });
        } catch (IllegalStateException expected) {
            // the refusal itself
        }
        assertNull(c.get("x"));
    }
}
