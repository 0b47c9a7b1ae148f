package io.lear.verifier.error;

import java.util.Objects;

/**
 * The only protocol exception: a refusal with its reason and a public description. The
 * description is sent to the client, so it names what is wrong and never echoes tokens or secrets; it is bounded
 * here, once for every path ({@link Descriptions}), because descriptions quote request parts.
 */
public final class OAuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final String description;
    private final Integer retryAfterSeconds;
    private final String clientId;

    private OAuthException(Reason reason, String description, Integer retryAfterSeconds, String clientId) {
        // No stack trace: a refusal is an answer, not a fault.
        // Bounding is idempotent, so a re-attributed refusal (forClient) keeps its description.
        super(reason.code() + ": " + Descriptions.bounded(description), null, false, false);
        this.reason = Objects.requireNonNull(reason);
        this.description = Descriptions.bounded(Objects.requireNonNull(description));
        this.retryAfterSeconds = retryAfterSeconds;
        this.clientId = clientId;
    }

    public static OAuthException of(Reason reason, String description) {
        return new OAuthException(reason, description, null, null);
    }

    /** A 503 refusal that tells the client when to come back. */
    public static OAuthException unavailable(Reason reason, String description, int retryAfterSeconds) {
        return new OAuthException(reason, description, retryAfterSeconds, null);
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

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * The same refusal, attributed to a client whose assertion signature has been verified (for the
     * audit line; never sent). A refusal already attributed keeps its client.
     */
    public OAuthException forClient(String verifiedClientId) {
        return clientId != null ? this : new OAuthException(reason, description, retryAfterSeconds, verifiedClientId);
    }

    /** The client DID once its assertion signature was verified; null before. */
    public String clientId() {
        return clientId;
    }
}
