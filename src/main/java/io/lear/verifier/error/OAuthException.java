package io.lear.verifier.error;

import java.util.Objects;

/**
 * The only protocol exception: a refusal with its reason and a public description. The
 * description is sent to the client, so it names what is wrong and never echoes tokens or secrets;
 * the optional detail goes to the log only.
 */
public final class OAuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final String description;
    private final String detail;
    private final Integer retryAfterSeconds;
    private final String clientId;

    private OAuthException(Reason reason, String description, String detail, Integer retryAfterSeconds,
            Throwable cause, String clientId) {
        super(reason.code() + ": " + description, cause, false, false);
        this.reason = Objects.requireNonNull(reason);
        this.description = Objects.requireNonNull(description);
        this.detail = detail;
        this.retryAfterSeconds = retryAfterSeconds;
        this.clientId = clientId;
    }

    private OAuthException(Reason reason, String description, String detail, Integer retryAfterSeconds,
            Throwable cause) {
        this(reason, description, detail, retryAfterSeconds, cause, null);
    }

    public static OAuthException of(Reason reason, String description) {
        return new OAuthException(reason, description, null, null, null);
    }

    public static OAuthException of(Reason reason, String description, Throwable cause) {
        return new OAuthException(reason, description, cause == null ? null : cause.toString(), null, cause);
    }

    /** A 503 refusal that tells the client when to come back. */
    public static OAuthException unavailable(Reason reason, String description, int retryAfterSeconds) {
        return new OAuthException(reason, description, null, retryAfterSeconds, null);
    }

    public Reason reason() {
        return reason;
    }

    public ErrorCode error() {
        return reason.error();
    }

    public int status() {
        return reason.error().status();
    }

    public String description() {
        return description;
    }

    /** Private detail for the log; never sent. */
    public String detail() {
        return detail;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * The same refusal, attributed to a client whose assertion signature has been verified (for the
     * audit line; never sent). A refusal already attributed keeps its client.
     */
    public OAuthException forClient(String verifiedClientId) {
        return clientId != null ? this
                : new OAuthException(reason, description, detail, retryAfterSeconds, getCause(), verifiedClientId);
    }

    /** The client DID once its assertion signature was verified; null before. */
    public String clientId() {
        return clientId;
    }
}
