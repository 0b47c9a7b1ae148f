package io.lear.verifier.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Identifiers from credentials reach log lines only bounded and printable. */
class SafeIdentifierTest {
    @Test
    void identifierOf120CharactersIsKept() {
        assertEquals("a".repeat(120), CredentialVerifier.safe("a".repeat(120)));
    }

    @Test
    void longerIdentifierIsCutAt120() {
        assertEquals("a".repeat(120) + "...", CredentialVerifier.safe("a".repeat(121)));
    }

    @Test
    void controlAndNonAsciiCharactersAreReplaced() {
        assertEquals("did:x?y?z", CredentialVerifier.safe("did:x\ny\u00e9z"));
    }
}
