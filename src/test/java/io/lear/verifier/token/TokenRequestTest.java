package io.lear.verifier.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenRequestTest {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String OK = "grant_type=client_credentials&client_assertion_type="
            + "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=a.b.c";

    private static TokenRequest parse(String contentType, String body, boolean authorization) {
        return TokenRequest.from(contentType, body.getBytes(StandardCharsets.US_ASCII), authorization);
    }

    private static void refused(Reason reason, int status, String contentType, String body, boolean auth) {
        OAuthException e = assertThrows(OAuthException.class, () -> parse(contentType, body, auth));
        assertEquals(reason, e.reason(), e.description());
        assertEquals(status, e.status());
    }

    @Test
    void readsAValidRequestAndIgnoresUnknownParameters() {
        TokenRequest r =
                parse(FORM + "; charset=UTF-8", OK + "&client_id=did%3Akey%3AzX&scope=machine&foo=1&foo=2", false);
        assertEquals("a.b.c", r.clientAssertion());
        assertEquals(Optional.of("did:key:zX"), r.clientId());
        assertEquals(Optional.of("machine"), r.scope());
        assertEquals(Optional.empty(), r.resource());
    }

    @Test
    void emptyValuesCountAsAbsent() {
        assertEquals(
                Optional.empty(), parse(FORM, OK + "&scope=&client_id=", false).scope());
        refused(Reason.MISSING_PARAMETER, 400, FORM, OK.replace("a.b.c", ""), false);
    }

    @Test
    void otherContentTypesAreUnsupported() {
        refused(Reason.UNSUPPORTED_MEDIA_TYPE, 415, "application/json", OK, false);
    }

    @Test
    void missingContentTypeIsUnsupported() {
        refused(Reason.UNSUPPORTED_MEDIA_TYPE, 415, null, OK, false);
    }

    @Test
    void badPercentEncodingIsMalformed() {
        refused(Reason.MALFORMED_REQUEST, 400, FORM, OK + "&x=%G1", false);
    }

    @Test
    void emptyBodyMissesParameters() {
        refused(Reason.MISSING_PARAMETER, 400, FORM, "", false);
    }

    @Test
    void grantTypeAloneMissesTheAssertion() {
        refused(Reason.MISSING_PARAMETER, 400, FORM, "grant_type=client_credentials", false);
    }

    @Test
    void repeatedAssertionIsADuplicate() {
        refused(Reason.DUPLICATE_PARAMETER, 400, FORM, OK + "&client_assertion=x.y.z", false);
    }

    @Test
    void repeatedScopeIsADuplicateEvenWhenEmpty() {
        refused(Reason.DUPLICATE_PARAMETER, 400, FORM, OK + "&scope=a&scope=", false);
    }

    @Test
    void authorizationHeaderIsASecondClientAuthentication() {
        refused(Reason.MULTIPLE_CLIENT_AUTH, 400, FORM, OK, true);
    }

    @Test
    void clientSecretIsASecondClientAuthentication() {
        refused(Reason.MULTIPLE_CLIENT_AUTH, 400, FORM, OK + "&client_secret=x", false);
    }

    @Test
    void otherGrantTypesAreUnsupported() {
        refused(
                Reason.UNSUPPORTED_GRANT_TYPE,
                400,
                FORM,
                OK.replace("client_credentials", "authorization_code"),
                false);
    }

    @Test
    void otherAssertionTypesAreUnsupported() {
        refused(Reason.UNSUPPORTED_ASSERTION_TYPE, 400, FORM, OK.replace("jwt-bearer", "saml2-bearer"), false);
    }

    @Test
    void valueStartingWithAPercentEscapeIsDecoded() {
        assertEquals(
                "a.b.c",
                parse(FORM, OK.replace("grant_type=client_credentials", "grant_type=%63lient_credentials"), false)
                        .clientAssertion());
        assertEquals(
                Optional.of("did:key:zX"),
                parse(FORM, OK + "&client_id=%64id:key:zX", false).clientId());
    }

    @Test
    void plusIsASpace() {
        assertEquals(
                Optional.of("machine learcredential"),
                parse(FORM, OK + "&scope=machine+learcredential", false).scope());
        assertEquals(
                Optional.of(" machine"),
                parse(FORM, OK + "&scope=+machine", false).scope());
    }

    @Test
    void parameterWithoutEqualsSignIsEmpty() {
        assertEquals(Optional.empty(), parse(FORM, OK + "&scope", false).scope());
    }

    @Test
    void valueMayHoldEqualsSigns() {
        assertEquals(Optional.of("a=b"), parse(FORM, OK + "&scope=a=b", false).scope());
    }

    // --- X-Tenant (profile §16.4) ---

    private static TokenRequest withTenant(java.util.List<String> headers) {
        return TokenRequest.from(FORM, OK.getBytes(StandardCharsets.US_ASCII), false, headers);
    }

    private static void tenantRefused(java.util.List<String> headers) {
        OAuthException e = assertThrows(OAuthException.class, () -> withTenant(headers));
        assertEquals(Reason.MALFORMED_REQUEST, e.reason(), e.description());
        assertEquals(400, e.status());
        assertEquals("invalid_request", e.error().code());
    }

    @Test
    void tenantIsKeptInLowerCase() {
        assertEquals(Optional.of("dome"), withTenant(java.util.List.of("DOME")).tenant());
        String longest = "A-z0.9_".repeat(9) + "a"; // 64 characters
        assertEquals(64, longest.length());
        assertEquals(
                Optional.of(longest.toLowerCase(java.util.Locale.ROOT)),
                withTenant(java.util.List.of(longest)).tenant());
    }

    @Test
    void noTenantHeaderIsNoTenant() {
        assertEquals(Optional.empty(), withTenant(java.util.List.of()).tenant());
        assertEquals(Optional.empty(), parse(FORM, OK, false).tenant());
    }

    @Test
    void tenantOutsideItsSyntaxIsMalformed() {
        for (String bad :
                java.util.List.of("", " dome", "do me", "dome;x", "dome\u0000", "d\u00f6me", "x".repeat(65))) {
            tenantRefused(java.util.List.of(bad));
        }
        tenantRefused(java.util.Collections.singletonList(null));
    }

    @Test
    void twoTenantHeadersAreMalformed() {
        tenantRefused(java.util.List.of("dome", "dome"));
    }
}
