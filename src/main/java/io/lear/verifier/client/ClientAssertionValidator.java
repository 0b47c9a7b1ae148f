package io.lear.verifier.client;

import java.util.Optional;

/**
 * The client-assertion check of the token path (profile §4), as CDI injects it: an interface, so that an operator can
 * decorate it (a CDI {@code @Decorator}) or replace it (an {@code @Alternative}) in a WAR overlay.
 */
public interface ClientAssertionValidator {
    /** The verified assertion, or an {@code OAuthException} naming the check that failed. */
    VerifiedAssertion verify(String assertion, Optional<String> clientId);
}
