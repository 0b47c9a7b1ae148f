package io.lear.verifier.credential;

import io.lear.verifier.trust.StatusEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One LEARCredentialMachine, whatever shape it arrived in (DOME v1/v2, EUDIStack, VCDM 1.1 or 2.0
 * dates, tmf_* or plain powers), normalised (profile §6). {@code json} is the credential JSON as
 * received, for embedding in the access token.
 */
public record MachineCredential(
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
        Map<String, Object> json) {

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
