package io.lear.verifier.testsupport;

import java.util.List;
import java.util.Map;

/**
 * The error table of the profile (../shared/spec/m2m-profile.md §12, with §16.4's tenant_mismatch and §17's DPoP reasons), copied by hand: tests take allowed
 * {@code error}/{@code reason} pairs from here, never from the implementation's {@code Reason} enum.
 */
public final class ProfileReasons {
    /** reason → error code. */
    public static final Map<String, String> ERROR_OF = Map.ofEntries(
            Map.entry("malformed_request", "invalid_request"),
            Map.entry("missing_parameter", "invalid_request"),
            Map.entry("duplicate_parameter", "invalid_request"),
            Map.entry("multiple_client_auth", "invalid_request"),
            Map.entry("unsupported_assertion_type", "invalid_request"),
            Map.entry("request_too_large", "invalid_request"),
            Map.entry("unsupported_grant_type", "unsupported_grant_type"),
            Map.entry("scope_not_allowed", "invalid_scope"),
            Map.entry("resource_not_allowed", "invalid_target"),
            Map.entry("client_not_registered", "unauthorized_client"),
            Map.entry("grant_not_allowed", "unauthorized_client"),
            Map.entry("assertion_malformed", "invalid_client"),
            Map.entry("assertion_alg_not_allowed", "invalid_client"),
            Map.entry("assertion_key_unresolvable", "invalid_client"),
            Map.entry("assertion_signature_invalid", "invalid_client"),
            Map.entry("assertion_subject_mismatch", "invalid_client"),
            Map.entry("assertion_audience_invalid", "invalid_client"),
            Map.entry("assertion_expired", "invalid_client"),
            Map.entry("assertion_not_yet_valid", "invalid_client"),
            Map.entry("assertion_lifetime_too_long", "invalid_client"),
            Map.entry("assertion_jti_missing", "invalid_client"),
            Map.entry("assertion_jti_too_long", "invalid_client"),
            Map.entry("assertion_replayed", "invalid_client"),
            Map.entry("vp_missing", "invalid_client"),
            Map.entry("vp_malformed", "invalid_client"),
            Map.entry("vp_signature_invalid", "invalid_client"),
            Map.entry("vp_holder_mismatch", "invalid_client"),
            Map.entry("vp_expired", "invalid_client"),
            Map.entry("vp_not_yet_valid", "invalid_client"),
            Map.entry("vp_audience_invalid", "invalid_client"),
            Map.entry("vp_no_machine_credential", "invalid_client"),
            Map.entry("vc_malformed", "invalid_client"),
            Map.entry("vc_type_invalid", "invalid_client"),
            Map.entry("vc_alg_not_allowed", "invalid_client"),
            Map.entry("vc_signature_invalid", "invalid_client"),
            Map.entry("vc_certificate_untrusted", "invalid_client"),
            Map.entry("vc_certificate_mismatch", "invalid_client"),
            Map.entry("vc_issuer_untrusted", "invalid_client"),
            Map.entry("vc_expired", "invalid_client"),
            Map.entry("vc_not_yet_valid", "invalid_client"),
            Map.entry("vc_holder_mismatch", "invalid_client"),
            Map.entry("vc_revoked", "invalid_client"),
            Map.entry("vc_mandator_untrusted", "invalid_client"),
            // §16.4
            Map.entry("tenant_mismatch", "invalid_client"),
            // §17
            Map.entry("dpop_proof_invalid", "invalid_dpop_proof"),
            Map.entry("dpop_key_mismatch", "invalid_dpop_proof"),
            Map.entry("dpop_proof_replayed", "invalid_dpop_proof"),
            Map.entry("dpop_proof_missing", "invalid_dpop_proof"),
            Map.entry("method_not_allowed", "invalid_request"),
            Map.entry("unsupported_media_type", "invalid_request"),
            Map.entry("vc_status_unavailable", "temporarily_unavailable"),
            Map.entry("trust_unavailable", "temporarily_unavailable"),
            Map.entry("replay_store_unavailable", "temporarily_unavailable"),
            Map.entry("server_error", "server_error"));

    public static final List<String> ALL = List.copyOf(ERROR_OF.keySet());

    private ProfileReasons() {}
}
