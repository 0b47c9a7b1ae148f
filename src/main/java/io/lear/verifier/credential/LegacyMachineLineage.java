package io.lear.verifier.credential;

import io.lear.verifier.jose.CompactJws;
import java.util.Optional;

/**
 * DOME legacy {@code LEARCredentialMachine} (profile §6): a JWT VC whose credential is the {@code vc} claim (VCDM
 * 1.1) or the payload (VCDM 2.0); {@code cnf}, when present, binds the client key.
 */
final class LegacyMachineLineage implements CredentialLineage {
    @Override
    public String configurationId() {
        return MachineCredential.TYPE;
    }

    @Override
    public MachineCredential read(PresentedCredential presented) {
        CompactJws jws = presented.compactJws(MachineCredential.TYPE);
        return MachineCredentialParser.read(MachineCredential.TYPE, jws, Optional.empty(), false);
    }
}
