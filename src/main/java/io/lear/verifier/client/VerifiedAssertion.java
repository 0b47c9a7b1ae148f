package io.lear.verifier.client;

import io.lear.verifier.keys.DidKey;
import java.time.Instant;

/** A client assertion whose signature and claims have been verified; {@code vpToken} is still untrusted. */
public record VerifiedAssertion(DidKey client, String jti, Instant expiresAt, String vpToken) {}
