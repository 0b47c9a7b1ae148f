package io.lear.verifier.credential;

import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.Claims;
import io.lear.verifier.jose.CredentialJwt;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The machine credential lineages (profile §16.1): which configuration ids are machine credentials, which of them
 * this server accepts ({@code verifier.credential.types}) and the reader of each. Built once at wiring.
 */
public final class CredentialLineages {
    static final CredentialLineage LEGACY = new LegacyMachineLineage();
    static final CredentialLineage W3C3 = new W3c3MachineLineage();
    /** The SD-JWT VC lineage (profile §16.3). */
    public static final String SD1 = "learcredential.machine.sd.1";

    static final CredentialLineage SD = new SdJwtMachineLineage();

    /** Every machine configuration id, as the fixed list of §16.1. */
    public static final List<String> MACHINE = VerifierConfig.MACHINE_CREDENTIAL_TYPES;

    private static final Map<String, CredentialLineage> READERS =
            Map.of(LEGACY.configurationId(), LEGACY, W3C3.configurationId(), W3C3, SD1, SD);

    private final Set<String> accepted;

    public CredentialLineages(Set<String> accepted) {
        this.accepted = Set.copyOf(accepted);
    }

    /**
     * The configuration id of a credential (§16.1): its first {@code type} other than {@code VerifiableCredential}
     * and {@code VerifiableAttestation}, or its {@code vct} when it has no {@code type}. Empty for a credential of
     * generic types only.
     */
    public static Optional<String> configurationId(Claims credential) {
        if (!credential.has("type")) {
            Optional<String> vct = credential.string("vct");
            if (vct.isPresent()) {
                return vct;
            }
        }
        for (String type : CredentialJwt.types(credential)) {
            if (!type.equals("VerifiableCredential") && !type.equals("VerifiableAttestation")) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code configurationId} names a machine credential lineage, accepted here or not. */
    public static boolean isMachine(Optional<String> configurationId) {
        return configurationId.isPresent() && MACHINE.contains(configurationId.get());
    }

    /**
     * The reader of a machine lineage this server accepts.
     *
     * @throws OAuthException vc_type_invalid for a lineage not listed in {@code verifier.credential.types}, or one
     *     without a reader yet
     */
    public CredentialLineage reader(String configurationId) {
        if (!accepted.contains(configurationId)) {
            throw OAuthException.of(
                    Reason.VC_TYPE_INVALID, "credential type " + configurationId + " is not accepted by this verifier");
        }
        CredentialLineage reader = READERS.get(configurationId);
        if (reader == null) {
            throw OAuthException.of(
                    Reason.VC_TYPE_INVALID, "credential type " + configurationId + " is not supported yet");
        }
        return reader;
    }
}
