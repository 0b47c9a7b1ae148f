package io.lear.verifier.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Identifiers from credentials reach log lines only bounded and printable. */
class SafeTextTest {
    @Test
    void identifierOf120CharactersIsKept() {
        assertEquals("a".repeat(120), SafeText.of("a".repeat(120)));
    }

    @Test
    void longerIdentifierIsCutAt120() {
        assertEquals("a".repeat(120) + "...", SafeText.of("a".repeat(121)));
    }

    @Test
    void controlAndNonAsciiCharactersAreReplaced() {
        assertEquals("did:x?y?z", SafeText.of("did:x\ny\u00e9z"));
    }
}
