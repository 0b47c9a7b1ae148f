package io.lear.verifier.credential;

import io.lear.verifier.credential.MachineCredential.Mandatee;
import io.lear.verifier.credential.MachineCredential.Mandator;
import io.lear.verifier.credential.MachineCredential.Power;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.Claims;
import io.lear.verifier.jose.CompactJws;
import io.lear.verifier.jose.CredentialJwt;
import io.lear.verifier.trust.StatusEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Normalises a credential JWT's payload into a {@link MachineCredential}: the reading every JWT lineage shares (the
 * mandate, powers, status entries, validity, {@code cnf}). Only reads; every check on the values is the verifier's.
 * A missing or mistyped required member is {@code vc_malformed}. The lineages ({@link CredentialLineage}) add what
 * is their own.
 */
public final class MachineCredentialParser {
    private static final int MAX_POWERS = 64;
    private static final int MAX_ACTIONS = 32;

    private MachineCredentialParser() {}

    /** Reads a credential of the DOME legacy lineage ({@code LEARCredentialMachine}, profile §6). */
    public static MachineCredential parse(CompactJws jws) {
        return CredentialLineages.LEGACY.read(new PresentedCredential.Jws(jws));
    }

    /**
     * The shared reading of a JWT-encoded machine credential.
     *
     * @param configurationId the lineage's own constant
     * @param issuerOrganizationIdentifier what the lineage makes the seal confirm, if anything
     * @param keyBindingRequired whether the lineage requires {@code cnf}
     */
    static MachineCredential read(
            String configurationId,
            CompactJws jws,
            Optional<String> issuerOrganizationIdentifier,
            boolean keyBindingRequired) {
        Claims vc = new Claims(CredentialJwt.credentialJson(jws).raw(), Reason.VC_MALFORMED, "credential");
        Claims payload = new Claims(jws.payload().raw(), Reason.VC_MALFORMED, "credential JWT");
        List<String> types = CredentialJwt.types(vc);
        String id = vc.string("id").or(() -> payload.string("jti")).orElse("");
        String issuer = CredentialJwt.issuerIdOf(vc);
        Claims subject = vc.object("credentialSubject").orElseThrow(() -> vc.bad("no 'credentialSubject' object"));
        Claims mandate = subject.object("mandate").orElseThrow(() -> vc.bad("no 'credentialSubject.mandate'"));
        Mandatee mandatee = mandatee(mandate);
        Mandator mandator = mandator(mandate);
        return new MachineCredential(
                configurationId,
                id,
                types,
                issuer,
                payload.string("iss"),
                CredentialJwt.validFrom(vc, payload),
                CredentialJwt.validUntil(vc, payload),
                mandatee,
                mandator,
                powers(mandate),
                statuses(vc),
                subject.string("id"),
                payload.string("sub"),
                confirmationJwk(payload),
                payload.object("cnf").flatMap(c -> c.string("kid")),
                issuerOrganizationIdentifier,
                keyBindingRequired,
                vc.raw());
    }

    static Mandatee mandatee(Claims mandate) {
        Claims m = mandate.object("mandatee").orElseThrow(() -> mandate.bad("no 'mandate.mandatee'"));
        String id = m.string("id").filter(s -> !s.isBlank()).orElseThrow(() -> mandate.bad("no 'mandatee.id'"));
        return new Mandatee(id, m.string("domain"), m.string("ipAddress"));
    }

    static Mandator mandator(Claims mandate) {
        Claims m = mandate.object("mandator").orElseThrow(() -> mandate.bad("no 'mandate.mandator'"));
        String org = m.string("organizationIdentifier")
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> mandate.bad("no 'mandator.organizationIdentifier'"));
        return new Mandator(
                org,
                m.string("organization"),
                m.string("country"),
                m.string("commonName"),
                m.string("email").or(() -> m.string("emailAddress")));
    }

    @SuppressWarnings("unchecked")
    static List<Power> powers(Claims mandate) {
        Object raw = mandate.raw().get("power");
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list) || list.size() > MAX_POWERS) {
            throw mandate.bad("'mandate.power' is not an array of at most " + MAX_POWERS + " objects");
        }
        List<Power> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw mandate.bad("'mandate.power' holds a non-object");
            }
            Claims p = new Claims((Map<String, Object>) m, Reason.VC_MALFORMED, "credential power");
            // v1 names members tmf_*; v2 and later drop the prefix. A power stating both with different values would
            // be read one way here and the other by a resource server reading the token's vc: refused.
            String domain = twin(p, "domain").orElseThrow(() -> p.bad("no 'domain'"));
            String function = twin(p, "function").orElseThrow(() -> p.bad("no 'function'"));
            List<String> actions = p.has("action") ? p.stringOrList("action") : p.stringOrList("tmf_action");
            if (p.has("action") && p.has("tmf_action") && !actions.equals(p.stringOrList("tmf_action"))) {
                throw p.bad("'action' and 'tmf_action' differ");
            }
            if (p.has("type")
                    && p.has("tmf_type")
                    && !p.raw().get("type").equals(p.raw().get("tmf_type"))) {
                throw p.bad("'type' and 'tmf_type' differ");
            }
            if (actions.isEmpty() || actions.size() > MAX_ACTIONS) {
                throw p.bad("'action' must hold 1 to " + MAX_ACTIONS + " values");
            }
            for (String a : actions) {
                out.add(new Power(
                        groupPart(p, "domain", domain), groupPart(p, "function", function), groupPart(p, "action", a)));
            }
        }
        return List.copyOf(out);
    }

    /** The unprefixed member or its v1 {@code tmf_} twin; both present and different → {@code vc_malformed}. */
    private static Optional<String> twin(Claims p, String name) {
        Optional<String> plain = p.string(name);
        Optional<String> v1 = p.string("tmf_" + name);
        if (plain.isPresent() && v1.isPresent() && !plain.equals(v1)) {
            throw p.bad("'" + name + "' and 'tmf_" + name + "' differ");
        }
        return plain.or(() -> v1);
    }

    /**
     * A power's domain, function or action becomes one third of a {@code domain/function/action} group: a {@code /}
     * would let ("A/B", "C", "D") and ("A", "B/C", "D") name the same role, and control characters have no place in
     * a role name.
     */
    private static String groupPart(Claims p, String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || Character.isISOControl(c)) {
                throw p.bad("'" + name + "' holds '/' or a control character");
            }
        }
        return value;
    }

    private static final int MAX_STATUS_ENTRIES = 8;

    /** Every {@code credentialStatus} entry (one object, or an array as VCDM 2.0 allows). */
    private static List<StatusEntry> statuses(Claims vc) {
        Object raw = vc.raw().get("credentialStatus");
        if (raw == null) {
            return List.of();
        }
        List<?> entries = raw instanceof List<?> list ? list : List.of(raw);
        if (entries.size() > MAX_STATUS_ENTRIES) {
            throw vc.bad("'credentialStatus' has more than " + MAX_STATUS_ENTRIES + " entries");
        }
        List<StatusEntry> out = new ArrayList<>(entries.size());
        for (Object entry : entries) {
            out.add(status(vc, entry));
        }
        return List.copyOf(out);
    }

    private static StatusEntry status(Claims vc, Object raw) {
        if (!(raw instanceof Map<?, ?>)) {
            throw vc.bad("'credentialStatus' is not an object");
        }
        @SuppressWarnings("unchecked")
        Claims s = new Claims((Map<String, Object>) raw, Reason.VC_MALFORMED, "credentialStatus");
        String type = s.string("type").orElseThrow(() -> s.bad("no 'type'"));
        Object idx = s.raw().get("statusListIndex");
        Optional<Long> index;
        if (idx == null) {
            index = Optional.empty();
        } else if (idx instanceof Long n && n >= 0) {
            index = Optional.of(n);
        } else if (idx instanceof String str && str.matches("\\d{1,12}")) {
            index = Optional.of(Long.parseLong(str));
        } else {
            throw s.bad("'statusListIndex' is not a non-negative integer");
        }
        return new StatusEntry(
                type, s.string("statusPurpose"), index, s.string("statusListCredential"), s.string("id"));
    }

    private static Optional<Map<String, Object>> confirmationJwk(Claims payload) {
        return payload.object("cnf").flatMap(c -> c.object("jwk")).map(Claims::raw);
    }
}
