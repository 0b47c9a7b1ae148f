package io.lear.verifier.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Anything unforeseen becomes a bare {@code server_error}: no internals reach the client. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable t) {
        if (t instanceof OAuthException oe) {
            return ErrorResponses.toResponse(oe);
        }
        // Class name only: messages of parser exceptions can quote request content.
        LOG.log(Level.SEVERE, "unexpected failure: {0} at {1}", new Object[] {
            t.getClass().getName(), firstFrame(t)
        });
        return ErrorResponses.toResponse(OAuthException.of(Reason.SERVER_ERROR, "internal server error"));
    }

    /**
     * The innermost frame of our own code, which is where the bug is (or where it called the failing code); else the
     * innermost frame. CDI's generated proxies and subclasses carry our class names but are no code of ours.
     */
    public static String firstFrame(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        for (StackTraceElement e : st) {
            String c = e.getClassName();
            if (c.startsWith("io.lear.verifier.") && !c.contains("$Proxy$") && !c.contains("$$")) {
                return e.toString();
            }
        }
        return st.length == 0 ? "?" : st[0].toString();
    }
}
