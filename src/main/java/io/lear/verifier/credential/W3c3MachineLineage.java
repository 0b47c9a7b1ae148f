package io.lear.verifier.credential;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.Claims;
import io.lear.verifier.jose.CompactJws;
import java.util.Map;
import java.util.Optional;

/**
 * EUDIStack {@code learcredential.machine.w3c.3} (profile §16.2): VCDM 2.0, the JWT payload is the credential (no
 * {@code vc} claim), {@code issuer} an object whose {@code organizationIdentifier} the seal must confirm, and a
 * {@code cnf} that must bind the client key.
 */
final class W3c3MachineLineage implements CredentialLineage {
    static final String ID = "learcredential.machine.w3c.3";

    @Override
    public String configurationId() {
        return ID;
    }

    @Override
    public MachineCredential read(PresentedCredential presented) {
        CompactJws jws = presented.compactJws(ID);
        Claims payload = jws.payload();
        if (payload.has("vc")) {
            throw OAuthException.of(
                    Reason.VC_MALFORMED, "a " + ID + " credential is the JWT payload itself, not a 'vc' claim");
        }
        if (!(payload.raw().get("issuer") instanceof Map<?, ?>)) {
            throw OAuthException.of(Reason.VC_MALFORMED, "a " + ID + " credential's 'issuer' must be an object");
        }
        Optional<String> organizationIdentifier =
                payload.object("issuer").orElseThrow().string("organizationIdentifier");
        if (!payload.has("cnf")) {
            throw OAuthException.of(Reason.VC_MALFORMED, "a " + ID + " credential must carry 'cnf'");
        }
        // A 'cnf' that is no object is vc_malformed when the shared reading takes it apart.
        return MachineCredentialParser.read(ID, jws, organizationIdentifier, true);
    }
}
