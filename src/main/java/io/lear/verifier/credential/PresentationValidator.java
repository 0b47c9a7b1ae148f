package io.lear.verifier.credential;

import io.lear.verifier.keys.DidKey;
import java.util.List;

/** The VP check of the token path (profile §5), as CDI injects it: decoratable, like every validator. */
public interface PresentationValidator {
    /** The credentials the VP signed by {@code client} holds, or an {@code OAuthException}. */
    List<String> verify(String vpToken, DidKey client);
}
