package io.lear.verifier.client;

import io.lear.verifier.credential.MachineCredential;
import io.lear.verifier.keys.DidKey;
import java.time.Instant;

/**
 * A client that proved its did:key and presented a verified, trusted machine credential (any accepted lineage). Its
 * assertion's {@code jti} is not claimed yet: that is the grant's last step ({@link ReplayGuard}).
 */
public record AuthenticatedClient(DidKey did, MachineCredential credential, String jti, Instant replayGuardUntil) {
    public String clientId() {
        return did.did();
    }
}
