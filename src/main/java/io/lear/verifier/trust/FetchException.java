package io.lear.verifier.trust;

import java.io.IOException;

/** A remote trust document could not be fetched or read; the message is safe to log. */
public final class FetchException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public FetchException(String message) {
        this(message, 0);
    }

    public FetchException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status of a non-200 answer, else 0. */
    public int status() {
        return status;
    }
}
