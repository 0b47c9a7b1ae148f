package io.lear.verifier.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The frame an unexpected failure is logged with: ours, never a CDI proxy's, else the innermost. */
class FirstFrameTest {
    private static IllegalStateException thrownAt(StackTraceElement... frames) {
        IllegalStateException e = new IllegalStateException("quoted request content");
        e.setStackTrace(frames);
        return e;
    }

    private static StackTraceElement frame(String cls, String method) {
        return new StackTraceElement(cls, method, "X.java", 7);
    }

    @Test
    void innermostFrameOfOurCodeSkippingLibrariesAndCdiProxies() {
        IllegalStateException e = thrownAt(
                frame("org.jose4j.Lib", "parse"),
                frame("io.lear.verifier.credential.CredentialVerifier$Proxy$_$$_WeldClientProxy", "verify"),
                frame("io.lear.verifier.credential.CredentialVerifier$$WeldSubclass", "verify"),
                frame("io.lear.verifier.client.ClientAuthenticator", "authenticate"));
        assertEquals(
                "io.lear.verifier.client.ClientAuthenticator.authenticate(X.java:7)",
                UnexpectedExceptionMapper.firstFrame(e));
    }

    @Test
    void withoutOurCodeTheInnermostFrame() {
        assertEquals(
                "org.jose4j.Lib.parse(X.java:7)",
                UnexpectedExceptionMapper.firstFrame(
                        thrownAt(frame("org.jose4j.Lib", "parse"), frame("java.lang.Thread", "run"))));
        assertEquals("?", UnexpectedExceptionMapper.firstFrame(thrownAt()));
    }
}
