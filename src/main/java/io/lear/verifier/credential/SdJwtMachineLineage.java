package io.lear.verifier.credential;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.Claims;
import io.lear.verifier.trust.IssuerSignatures;
import io.lear.verifier.trust.StatusEntry;
import io.lear.verifier.trust.StatusLists;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * EUDIStack {@code learcredential.machine.sd.1} (profile §16.3): an SD-JWT VC whose disclosed payload carries
 * {@code iss} (a DID or the bare organizationIdentifier), {@code iat}/{@code nbf}/{@code exp}, the {@code mandate}
 * (mandatee, mandator and power usually disclosed), a required {@code cnf} and an optional Token Status List
 * reference. Read from the disclosed view; the token's {@code vc} is that view.
 */
final class SdJwtMachineLineage implements CredentialLineage {
    static final String ID = CredentialLineages.SD1;

    @Override
    public String configurationId() {
        return ID;
    }

    @Override
    public MachineCredential read(PresentedCredential presented) {
        if (!(presented instanceof PresentedCredential.Sd sd)) {
            throw OAuthException.of(
                    Reason.VC_MALFORMED, "a " + ID + " credential is an SD-JWT ('<issuer JWT>~<disclosures>~')");
        }
        Claims vc = new Claims(sd.sdJwt().disclosed(), Reason.VC_MALFORMED, "credential");
        String iss = vc.string("iss").orElseThrow(() -> vc.bad("no 'iss'"));
        String issuerId = IssuerSignatures.sdJwtIssuerId(iss)
                .orElseThrow(() -> vc.bad("'iss' is neither a DID nor an organizationIdentifier"));
        Claims mandate = vc.object("mandate").orElseThrow(() -> vc.bad("no 'mandate' once disclosed"));
        if (!mandate.has("power")) {
            throw mandate.bad("no 'mandate.power' once disclosed");
        }
        Claims cnf = vc.object("cnf").orElseThrow(() -> vc.bad("a " + ID + " credential must carry 'cnf'"));
        Optional<Instant> validFrom = Stream.of(vc.numericDate("iat"), vc.numericDate("nbf"))
                .flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
        return new MachineCredential(
                ID,
                vc.string("jti").or(() -> vc.string("id")).orElse(""),
                List.of(ID),
                issuerId,
                Optional.empty(),
                validFrom,
                vc.numericDate("exp"),
                MachineCredentialParser.mandatee(mandate),
                MachineCredentialParser.mandator(mandate),
                MachineCredentialParser.powers(mandate),
                statuses(vc),
                Optional.empty(),
                vc.string("sub"),
                cnf.object("jwk").map(Claims::raw),
                cnf.string("kid"),
                Optional.empty(),
                true,
                sd.sdJwt().disclosed());
    }

    /**
     * {@code status.status_list {uri, idx}} as a Token Status List entry; any other status mechanism is kept as an
     * entry of no supported type, so that revocation fails closed on it instead of ignoring it.
     */
    private static List<StatusEntry> statuses(Claims vc) {
        Optional<Claims> status = vc.object("status");
        if (status.isEmpty()) {
            return List.of();
        }
        List<StatusEntry> out = new ArrayList<>();
        for (String mechanism : status.get().raw().keySet()) {
            if (!mechanism.equals("status_list")) {
                out.add(new StatusEntry(
                        "status." + mechanism, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
            }
        }
        Optional<Claims> list = status.get().object("status_list");
        if (list.isPresent()) {
            String uri = list.get().string("uri").orElseThrow(() -> vc.bad("no 'status.status_list.uri'"));
            if (!(list.get().raw().get("idx") instanceof Long idx) || idx < 0) {
                throw vc.bad("'status.status_list.idx' is not a non-negative integer");
            }
            out.add(new StatusEntry(
                    StatusLists.TOKEN_STATUS_LIST,
                    Optional.empty(),
                    Optional.of(idx),
                    Optional.of(uri),
                    Optional.empty()));
        }
        return List.copyOf(out);
    }
}
