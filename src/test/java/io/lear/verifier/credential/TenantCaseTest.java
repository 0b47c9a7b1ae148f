package io.lear.verifier.credential;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Profile §16.4: a power domain equals the (lower-case ASCII) tenant ignoring ASCII case, and nothing else. */
class TenantCaseTest {
    @Test
    void asciiLettersFoldToLowerCase() {
        assertTrue(CredentialVerifier.asciiEqualsIgnoreCase("AZaz09._-", "azaz09._-"));
        assertTrue(CredentialVerifier.asciiEqualsIgnoreCase("dome", "dome"));
    }

    @Test
    void theNeighboursOfAToZDoNotFold() {
        // '@' and '[' are one below 'A' and one above 'Z'; folding them would give '`' and '{'.
        assertFalse(CredentialVerifier.asciiEqualsIgnoreCase("@", "`"));
        assertFalse(CredentialVerifier.asciiEqualsIgnoreCase("[", "{"));
    }

    @Test
    void nonAsciiNeverFolds() {
        assertFalse(CredentialVerifier.asciiEqualsIgnoreCase("\u212Aey", "key")); // KELVIN SIGN
        assertFalse(CredentialVerifier.asciiEqualsIgnoreCase("DOM\u0130", "domi")); // I WITH DOT ABOVE
    }

    @Test
    void lengthsMustBeEqual() {
        assertFalse(CredentialVerifier.asciiEqualsIgnoreCase("DOME", "dom"));
        assertFalse(CredentialVerifier.asciiEqualsIgnoreCase("DOM", "dome"));
        assertFalse(CredentialVerifier.asciiEqualsIgnoreCase("", "d"));
    }
}
