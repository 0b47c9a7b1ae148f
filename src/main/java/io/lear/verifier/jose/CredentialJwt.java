package io.lear.verifier.jose;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What every JWT-encoded W3C Verifiable Credential has (VCDM 1.1 in a {@code vc} claim, VCDM 2.0 as the payload):
 * the credential JSON, its types, issuer and validity window. Shared by the machine credential and status list
 * credentials.
 */
public final class CredentialJwt {
    private CredentialJwt() {}

    /** The credential JSON: claim {@code vc} (DOME issuers), else the payload itself (VCDM 2.0). */
    public static Claims credentialJson(CompactJws jws) {
        Claims payload = jws.payload();
        Object vc = payload.raw().get("vc");
        if (vc instanceof Map<?, ?>) {
            return payload.object("vc").orElseThrow();
        }
        if (vc != null) {
            throw OAuthException.of(Reason.VC_MALFORMED, "credential 'vc' claim is not an object");
        }
        return new Claims(payload.raw(), Reason.VC_MALFORMED, "credential");
    }

    /** The credential's {@code type} values; malformed when absent. */
    public static List<String> types(Claims vc) {
        List<String> types = new Claims(vc.raw(), Reason.VC_MALFORMED, "credential").stringOrList("type");
        if (types.isEmpty()) {
            throw OAuthException.of(Reason.VC_MALFORMED, "credential has no 'type'");
        }
        return types;
    }

    /** The most restrictive start of validity: {@code validFrom}, {@code issuanceDate}, JWT {@code nbf}. */
    public static Optional<Instant> validFrom(Claims vc, Claims payload) {
        return latest(date(vc, "validFrom"), date(vc, "issuanceDate"), payload.numericDate("nbf"));
    }

    /** The most restrictive end of validity: {@code validUntil}, {@code expirationDate}, JWT {@code exp}. */
    public static Optional<Instant> validUntil(Claims vc, Claims payload) {
        return earliest(date(vc, "validUntil"), date(vc, "expirationDate"), payload.numericDate("exp"));
    }

    /** {@code issuer} as a string or an object's {@code id}; malformed otherwise. */
    public static String issuerIdOf(Claims vc) {
        Object issuer = vc.raw().get("issuer");
        if (issuer instanceof String s && !s.isBlank()) {
            return s;
        }
        if (issuer instanceof Map<?, ?>) {
            Optional<String> id = vc.object("issuer").orElseThrow().string("id");
            if (id.isPresent() && !id.get().isBlank()) {
                return id.get();
            }
        }
        throw vc.bad("'issuer' is neither a string nor an object with 'id'");
    }

    private static Optional<Instant> date(Claims vc, String name) {
        Optional<String> v = vc.string(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(CredentialDates.parse(v.get()).orElseThrow(() -> vc.bad("'" + name + "' is not a date")));
    }

    /** The most restrictive start: a credential is valid only once every stated start has passed. */
    @SafeVarargs
    private static Optional<Instant> latest(Optional<Instant>... candidates) {
        return Stream.of(candidates).flatMap(Optional::stream).max(Comparator.naturalOrder());
    }

    /** The most restrictive end: any stated end date ends validity. */
    @SafeVarargs
    private static Optional<Instant> earliest(Optional<Instant>... candidates) {
        return Stream.of(candidates).flatMap(Optional::stream).min(Comparator.naturalOrder());
    }
}
