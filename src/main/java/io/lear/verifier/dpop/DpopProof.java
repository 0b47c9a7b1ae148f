package io.lear.verifier.dpop;

import java.time.Instant;
import java.util.Optional;

/**
 * A DPoP proof whose signature, header and claims have been verified (RFC 9449 §4.3). Its {@code jti} is not claimed
 * yet: single use is the caller's last step.
 *
 * @param jkt the RFC 7638 thumbprint of the proof's {@code jwk}, which signed it
 * @param jti the proof's identifier, at most {@value DpopProofVerifier#MAX_JTI_LENGTH} characters
 * @param keepUntil how long the jti must be remembered: after that the proof fails the {@code iat} window anyway
 * @param ath the access token hash, when the proof carries one (required at a resource server)
 */
public record DpopProof(String jkt, String jti, Instant keepUntil, Optional<String> ath) {}
