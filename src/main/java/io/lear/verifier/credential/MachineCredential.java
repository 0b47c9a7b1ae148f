package io.lear.verifier.credential;

import io.lear.verifier.trust.StatusEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One machine credential, whatever lineage (profile §16.1) and shape it arrived in (DOME v1/v2, EUDIStack, VCDM 1.1
 * or 2.0 dates, tmf_* or plain powers), normalised (profile §6). {@code json} is the credential JSON as received (the
 * {@code vc} claim, or the payload of a VCDM 2.0 credential), for embedding in the access token.
 *
 * @param configurationId the lineage's configuration id, one of the fixed list of §16.1 (never attacker text)
 * @param issuerOrganizationIdentifier {@code issuer.organizationIdentifier} where the lineage makes it a statement
 *     the seal must confirm (w3c.3, §16.2); empty otherwise
 * @param keyBindingRequired whether the lineage requires {@code cnf} to bind the client key (w3c.3, sd.1)
 */
public record MachineCredential(
        String configurationId,
        String id,
        List<String> types,
        String issuerId,
        Optional<String> jwtIssuer,
        Optional<Instant> validFrom,
        Optional<Instant> validUntil,
        Mandatee mandatee,
        Mandator mandator,
        List<Power> powers,
        List<StatusEntry> statuses,
        Optional<String> subjectId,
        Optional<String> jwtSubject,
        Optional<Map<String, Object>> confirmationJwk,
        Optional<String> confirmationKid,
        Optional<String> issuerOrganizationIdentifier,
        boolean keyBindingRequired,
        Map<String, Object> json) {

    /** The DOME legacy configuration id (profile §6, §16.1). */
    public static final String TYPE = "LEARCredentialMachine";

    public record Mandatee(String id, Optional<String> domain, Optional<String> ipAddress) {}

    public record Mandator(
            String organizationIdentifier,
            Optional<String> organization,
            Optional<String> country,
            Optional<String> commonName,
            Optional<String> email) {}

    /** A power as a (domain, function, action) triple: one per action of the credential's power. */
    public record Power(String domain, String function, String action) {
        /** The MicroProfile JWT group a resource server checks with {@code @RolesAllowed}. */
        public String group() {
            return domain + "/" + function + "/" + action;
        }
    }
}
