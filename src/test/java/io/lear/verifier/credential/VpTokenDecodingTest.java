package io.lear.verifier.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.error.OAuthException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Profile §4: vp_token as standard Base64 (padded or not), base64url, or the raw compact JWS. */
class VpTokenDecodingTest {
    /** Bytes whose Base64 spelling holds '+' and '/', and '-' and '_' in base64url. */
    private static final String JWS =
            "eyJ.e30.c2ln" + new String(new byte[] {'.', '>', '?'}, StandardCharsets.US_ASCII);

    private static String description(String vpToken) {
        return assertThrows(OAuthException.class, () -> PresentationVerifier.decode(vpToken))
                .description();
    }

    @Test
    void standardBase64WithPaddingAndWithout() {
        String b64 = Base64.getEncoder().encodeToString(JWS.getBytes(StandardCharsets.US_ASCII));
        assertEquals(JWS, PresentationVerifier.decode(b64));
        assertEquals(JWS, PresentationVerifier.decode(b64.replace("=", "")));
    }

    @Test
    void base64url() {
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(JWS.getBytes(StandardCharsets.US_ASCII));
        assertEquals(JWS, PresentationVerifier.decode(url));
    }

    @Test
    void rawCompactJwsIsTakenAsItIs() {
        assertEquals("a.b.c", PresentationVerifier.decode(" a.b.c "));
    }

    @Test
    void tokenOfTheMaximumLengthIsDecodedAndOneMoreCharacterIsTooLarge() {
        String longest = "A".repeat(PresentationVerifier.MAX_VP_TOKEN_CHARS);
        assertEquals("'vp_token' does not decode to a compact JWS", description(longest));
        assertEquals("'vp_token' is too large", description(longest + "A"));
    }

    @Test
    void textThatIsNeitherIsMalformed() {
        assertEquals("'vp_token' is neither Base64 nor a compact JWS", description("%%%"));
        assertEquals("'vp_token' is neither Base64 nor a compact JWS", description("AAAAA"));
    }
}
