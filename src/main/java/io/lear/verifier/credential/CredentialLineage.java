package io.lear.verifier.credential;

/**
 * One lineage of machine credential (profile §16.1): its configuration id and how its encoding is read into the one
 * {@link MachineCredential} model that every check of {@link CredentialVerifier} works on. A new lineage is one more
 * implementation registered in {@link CredentialLineages}, never a branch through the checks.
 */
public interface CredentialLineage {
    /** The configuration id, a constant of the fixed list of §16.1. */
    String configurationId();

    /**
     * Reads a credential of this lineage. Only reads: values are checked by the verifier; a credential that is not
     * in this lineage's encoding (a compact JWS or an SD-JWT) is {@code vc_malformed}.
     */
    MachineCredential read(PresentedCredential presented);
}
