package io.lear.verifier.error;

/**
 * The OAuth error codes this server emits, each with its HTTP status (RFC 6749 §5.2, RFC 8707 §2).
 * The status is fixed here so that no throw site can pick one.
 */
public enum ErrorCode {
    INVALID_REQUEST("invalid_request", 400),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
    INVALID_SCOPE("invalid_scope", 400),
    INVALID_TARGET("invalid_target", 400),
    UNAUTHORIZED_CLIENT("unauthorized_client", 400),
    INVALID_CLIENT("invalid_client", 401),
    /** RFC 9449 §5: a DPoP proof at the token endpoint that is missing, malformed or not the client's. */
    INVALID_DPOP_PROOF("invalid_dpop_proof", 400),
    METHOD_NOT_ALLOWED("invalid_request", 405),
    UNSUPPORTED_MEDIA_TYPE("invalid_request", 415),
    NOT_FOUND("invalid_request", 404),
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable", 503),
    SERVER_ERROR("server_error", 500);

    private final String code;
    private final int status;

    ErrorCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
