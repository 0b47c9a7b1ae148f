package io.lear.verifier.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 9449 §4.3 htu normalisation, RFC 3986 §6.2.2-6.2.3. */
class TargetUriTest {
    @Test
    void uriOf2048IsReadAndLongerIsNot() {
        String base = "https://as.example/";
        String of2048 = base + "a".repeat(2048 - base.length());
        assertEquals(Optional.of(of2048), TargetUri.normalize(of2048));
        assertEquals(Optional.empty(), TargetUri.normalize(of2048 + "a"));
    }

    @Test
    void httpAndHttpsAreReadOtherSchemesAreNot() {
        assertEquals(Optional.of("http://as.example/token"), TargetUri.normalize("HTTP://AS.example/token"));
        assertEquals(Optional.of("https://as.example/token"), TargetUri.normalize("https://as.example/token"));
        assertEquals(Optional.empty(), TargetUri.normalize("ftp://as.example/token"));
        assertEquals(Optional.empty(), TargetUri.normalize("/token"));
        assertEquals(Optional.empty(), TargetUri.normalize("https://user@as.example/token"));
        assertEquals(Optional.empty(), TargetUri.normalize(null));
    }

    @Test
    void defaultPortsGoOtherPortsStay() {
        assertEquals(Optional.of("http://as.example/t"), TargetUri.normalize("http://as.example:80/t"));
        assertEquals(Optional.of("https://as.example/t"), TargetUri.normalize("https://as.example:443/t"));
        assertEquals(Optional.of("http://as.example:443/t"), TargetUri.normalize("http://as.example:443/t"));
        assertEquals(Optional.of("https://as.example:80/t"), TargetUri.normalize("https://as.example:80/t"));
        assertEquals(Optional.of("https://as.example:8443/t"), TargetUri.normalize("https://as.example:8443/t"));
        assertEquals(Optional.of("https://as.example/"), TargetUri.normalize("https://as.example"));
    }

    @Test
    void matchesIgnoresQueryAndFragment() {
        assertTrue(TargetUri.matches("https://AS.example:443/t?x=1#f", "https://as.example/t"));
        assertFalse(TargetUri.matches("https://as.example/u", "https://as.example/t"));
        assertFalse(TargetUri.matches("not a uri", "not a uri"));
    }
}
