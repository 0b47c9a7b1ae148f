package io.lear.verifier.token;

import io.lear.verifier.dpop.DpopHeaders;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A token request read from its form body (profile §3): every known parameter at most once, empty
 * values treated as absent (RFC 6749 §3.2), unknown parameters ignored; the {@code X-Tenant}
 * header (profile §16.4), syntax-checked and in lower case; and the one {@code DPoP} header, still unverified (§17).
 */
public record TokenRequest(
        String clientAssertion,
        Optional<String> clientId,
        Optional<String> scope,
        Optional<String> resource,
        Optional<String> tenant,
        Optional<String> dpop) {

    /** A request without {@code X-Tenant}. */
    public TokenRequest(
            String clientAssertion, Optional<String> clientId, Optional<String> scope, Optional<String> resource) {
        this(clientAssertion, clientId, scope, resource, Optional.empty());
    }

    /** A request without a {@code DPoP} header. */
    public TokenRequest(
            String clientAssertion,
            Optional<String> clientId,
            Optional<String> scope,
            Optional<String> resource,
            Optional<String> tenant) {
        this(clientAssertion, clientId, scope, resource, tenant, Optional.empty());
    }

    public static final String GRANT_CLIENT_CREDENTIALS = "client_credentials";
    public static final String CLIENT_ASSERTION_TYPE_JWT_BEARER =
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    public static final int MAX_BODY_BYTES = 128 * 1024;
    private static final Set<String> KNOWN = Set.of(
            "grant_type",
            "client_assertion_type",
            "client_assertion",
            "client_id",
            "scope",
            "resource",
            "client_secret");

    /**
     * @param contentType the request's Content-Type header, may be null
     * @param body the raw body, at most {@link #MAX_BODY_BYTES} (the caller enforces the limit)
     * @param hasAuthorizationHeader whether the request carried an Authorization header
     */
    public static TokenRequest from(String contentType, byte[] body, boolean hasAuthorizationHeader) {
        return from(contentType, body, hasAuthorizationHeader, List.of());
    }

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * @param contentType the request's Content-Type header, may be null
     * @param body the raw body, at most {@link #MAX_BODY_BYTES} (the caller enforces the limit)
     * @param hasAuthorizationHeader whether the request carried an Authorization header
     * @param tenantHeaders the values of the request's {@code X-Tenant} headers (none, or one)
     */
    public static TokenRequest from(
            String contentType, byte[] body, boolean hasAuthorizationHeader, List<String> tenantHeaders) {
        return from(contentType, body, hasAuthorizationHeader, tenantHeaders, List.of());
    }

    /** @param dpopHeaders the values of the request's {@code DPoP} headers (none, or one: profile §17) */
    public static TokenRequest from(
            String contentType,
            byte[] body,
            boolean hasAuthorizationHeader,
            List<String> tenantHeaders,
            List<String> dpopHeaders) {
        if (contentType == null
                || !contentType
                        .toLowerCase(java.util.Locale.ROOT)
                        .trim()
                        .startsWith("application/x-www-form-urlencoded")) {
            throw OAuthException.of(
                    Reason.UNSUPPORTED_MEDIA_TYPE, "token requests must be application/x-www-form-urlencoded");
        }
        Map<String, String> params = parse(new String(body, StandardCharsets.US_ASCII));
        if (hasAuthorizationHeader || params.containsKey("client_secret")) {
            throw OAuthException.of(
                    Reason.MULTIPLE_CLIENT_AUTH,
                    "use only the client assertion to authenticate (no Authorization header, no client_secret)");
        }
        String grant = require(params, "grant_type");
        if (!grant.equals(GRANT_CLIENT_CREDENTIALS)) {
            throw OAuthException.of(Reason.UNSUPPORTED_GRANT_TYPE, "only grant_type=client_credentials is supported");
        }
        String assertionType = require(params, "client_assertion_type");
        if (!assertionType.equals(CLIENT_ASSERTION_TYPE_JWT_BEARER)) {
            throw OAuthException.of(
                    Reason.UNSUPPORTED_ASSERTION_TYPE,
                    "client_assertion_type must be " + CLIENT_ASSERTION_TYPE_JWT_BEARER);
        }
        String assertion = require(params, "client_assertion");
        Optional<String> tenant = tenant(tenantHeaders);
        return new TokenRequest(
                assertion,
                Optional.ofNullable(params.get("client_id")),
                Optional.ofNullable(params.get("scope")),
                Optional.ofNullable(params.get("resource")),
                tenant,
                DpopHeaders.single(dpopHeaders));
    }

    /** §16.4: at most one X-Tenant header, of {@code [A-Za-z0-9._-]{1,64}}; kept in lower case. */
    private static Optional<String> tenant(List<String> headers) {
        if (headers.isEmpty()) {
            return Optional.empty();
        }
        if (headers.size() > 1) {
            throw OAuthException.of(Reason.MALFORMED_REQUEST, "more than one X-Tenant header");
        }
        String t = headers.get(0);
        if (t == null || !TENANT.matcher(t).matches()) {
            throw OAuthException.of(Reason.MALFORMED_REQUEST, "X-Tenant must be 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        return Optional.of(t.toLowerCase(Locale.ROOT));
    }

    private static String require(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null) {
            throw OAuthException.of(Reason.MISSING_PARAMETER, "missing parameter " + name);
        }
        return v;
    }

    private static Map<String, String> parse(String body) {
        Map<String, String> params = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] nameValue = pair.split("=", 2);
            String name = decode(nameValue[0]);
            // Decoded even when ignored: a body that is not valid form encoding is malformed as a whole.
            String value = nameValue.length == 1 ? "" : decode(nameValue[1]);
            if (!KNOWN.contains(name)) {
                continue;
            }
            if (!seen.add(name)) {
                throw OAuthException.of(Reason.DUPLICATE_PARAMETER, "parameter " + name + " is repeated");
            }
            if (!value.isEmpty()) {
                params.put(name, value);
            }
        }
        return params;
    }

    private static String decode(String s) {
        // Base64url values (the 12 KB assertion) need no decoding: skip the copy.
        if (!s.contains("%") && !s.contains("+")) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.of(Reason.MALFORMED_REQUEST, "the form body is not valid URL encoding");
        }
    }
}
