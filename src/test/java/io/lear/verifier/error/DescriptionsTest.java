package io.lear.verifier.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Issue 20: every error_description is at most 256 characters of RFC 6749's printable ASCII, whatever it quotes. */
class DescriptionsTest {
    /** HostileInputIT's member name: ESC, CR/LF, quotes, a backslash and 2,000 characters. */
    static final String HOSTILE = "\u001b[31m\r\n\"quoted\"\\" + "A".repeat(2000) + "\u00e9\u2028";

    static void assertBoundedPrintable(String description) {
        assertTrue(description.length() <= 256, description.length() + " characters");
        assertTrue(description.chars().allMatch(c -> c >= 0x20 && c <= 0x7E && c != '"' && c != '\\'), description);
    }

    @Test
    void shortPrintableTextIsKept() {
        assertEquals("client assertion expired", Descriptions.bounded("client assertion expired"));
    }

    @Test
    void controlAndNonAsciiCharactersAreEscaped() {
        assertEquals("member '%1B[31m%0D%0A' %u2028", Descriptions.bounded("member '\u001b[31m\r\n' \u2028"));
    }

    @Test
    void quotesAndBackslashesLeaveRfc6749sSet() {
        assertEquals("'a'/b", Descriptions.bounded("\"a\"\\b"));
    }

    @Test
    void textOf256IsKeptAndLongerIsCut() {
        assertEquals("x".repeat(256), Descriptions.bounded("x".repeat(256)));
        assertEquals("x".repeat(253) + "...", Descriptions.bounded("x".repeat(257)));
    }

    @Test
    void hostileTextIsBoundedAndPrintable() {
        String d = Descriptions.bounded("JSON member '" + HOSTILE + "' is repeated");
        assertBoundedPrintable(d);
        assertEquals(256, d.length());
        assertTrue(d.startsWith("JSON member '%1B[31m%0D%0A'quoted'/AAA"), d);
    }

    @Test
    void boundingIsIdempotent() {
        String once = Descriptions.bounded(HOSTILE);
        assertEquals(once, Descriptions.bounded(once));
    }

    @Test
    void everyRefusalIsBoundedAtConstruction() {
        OAuthException e = OAuthException.of(Reason.ASSERTION_MALFORMED, HOSTILE);
        assertBoundedPrintable(e.description());
        assertBoundedPrintable(ErrorResponses.body(e).get("error_description"));
        assertBoundedPrintable(
                OAuthException.unavailable(Reason.TRUST_UNAVAILABLE, HOSTILE, 5).description());
        assertEquals(e.description(), e.forClient("did:key:zA").description());
        assertTrue(e.getMessage().length() <= 256 + "assertion_malformed: ".length());
    }

    @Test
    void textOf257IsCutAndOf255Kept() {
        assertEquals("x".repeat(255), Descriptions.bounded("x".repeat(255)));
        assertEquals("x".repeat(253) + "...", Descriptions.bounded("x".repeat(258)));
        // An escape that crosses 256 characters still cuts to 256.
        assertEquals("x".repeat(253) + "...", Descriptions.bounded("x".repeat(255) + "\u0001"));
        assertEquals("x".repeat(255) + "y", Descriptions.bounded("x".repeat(255) + "y"));
    }

    @Test
    void edgesOfThePrintableSetAndOfLatin1() {
        assertEquals(" !#[]~", Descriptions.bounded(" !#[]~"));
        assertEquals("%1F%7F%FF%u0100", Descriptions.bounded("\u001f\u007f\u00ff\u0100"));
    }
}
