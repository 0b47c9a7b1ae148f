package io.lear.verifier.client;

import io.lear.verifier.credential.MachineCredential;
import io.lear.verifier.keys.DidKey;

/** A client that proved its did:key and presented a verified, trusted LEARCredentialMachine. */
public record AuthenticatedClient(DidKey did, MachineCredential credential) {
    public String clientId() {
        return did.did();
    }
}
