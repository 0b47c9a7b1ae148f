package io.lear.verifier.jose;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.security.Key;
import java.util.Set;

/**
 * What one kind of JWS may use — allowed algorithms, understood {@code crit} headers — and the reasons its refusals
 * carry. Every signature the verifier checks goes through one of these, so no verifier keeps its own allow-list.
 *
 * @param what how refusals name the token
 * @param algorithms the JWS {@code alg} values accepted
 * @param understoodCritical the {@code crit} names this verifier understands (profile §5: a JWS that makes any other
 *     header critical is refused)
 * @param malformed the reason for an unsupported {@code crit}
 * @param algorithmNotAllowed the reason for an {@code alg} outside {@link #algorithms}
 * @param keyMismatch the reason for an {@code alg} that the signer's key cannot make
 * @param signatureInvalid the reason for a signature that does not verify
 */
public record JwsPolicy(
        String what,
        Set<String> algorithms,
        Set<String> understoodCritical,
        Reason malformed,
        Reason algorithmNotAllowed,
        Reason keyMismatch,
        Reason signatureInvalid) {

    /** The algorithms of the did:keys this verifier resolves (P-256, Ed25519). */
    public static final Set<String> DID_KEY_ALGORITHMS = Set.of("ES256", "EdDSA");
    /** The algorithms an issuer's seal (RSA or EC certificate) or did:key may sign credentials with. */
    public static final Set<String> ISSUER_ALGORITHMS =
            Set.of("ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "EdDSA");
    /** JAdES signing time: DOME issuers mark it critical; it carries no verification rule of its own. */
    public static final Set<String> JADES_CRITICAL = Set.of("sigT");

    /** Profile §4: signed with the client's did:key, nothing critical. */
    public static final JwsPolicy CLIENT_ASSERTION = new JwsPolicy(
            "client assertion",
            DID_KEY_ALGORITHMS,
            Set.of(),
            Reason.ASSERTION_MALFORMED,
            Reason.ASSERTION_ALG_NOT_ALLOWED,
            Reason.ASSERTION_ALG_NOT_ALLOWED,
            Reason.ASSERTION_SIGNATURE_INVALID);
    /** Profile §5: signed with the client's did:key as well, nothing critical. */
    public static final JwsPolicy PRESENTATION = new JwsPolicy(
            "VP",
            DID_KEY_ALGORITHMS,
            Set.of(),
            Reason.VP_MALFORMED,
            Reason.VP_SIGNATURE_INVALID,
            Reason.VP_SIGNATURE_INVALID,
            Reason.VP_SIGNATURE_INVALID);
    /** Profile §6: the LEARCredentialMachine, sealed by its issuer. */
    public static final JwsPolicy CREDENTIAL = new JwsPolicy(
            "credential",
            ISSUER_ALGORITHMS,
            JADES_CRITICAL,
            Reason.VC_MALFORMED,
            Reason.VC_ALG_NOT_ALLOWED,
            Reason.VC_SIGNATURE_INVALID,
            Reason.VC_SIGNATURE_INVALID);
    /**
     * Profile §17: a DPoP proof, signed with the key in its own {@code jwk} header (at the token endpoint that must be
     * the client's did:key); the same algorithms as the client assertion, nothing critical, every refusal one reason.
     */
    public static final JwsPolicy DPOP_PROOF = new JwsPolicy(
            "DPoP proof",
            DID_KEY_ALGORITHMS,
            Set.of(),
            Reason.DPOP_PROOF_INVALID,
            Reason.DPOP_PROOF_INVALID,
            Reason.DPOP_PROOF_INVALID,
            Reason.DPOP_PROOF_INVALID);
    /** Profile §7.4: a status list credential, under the same rules as the credential it speaks for. */
    public static final JwsPolicy STATUS_LIST = CREDENTIAL.named("status list credential");

    public JwsPolicy {
        algorithms = Set.copyOf(algorithms);
        understoodCritical = Set.copyOf(understoodCritical);
    }

    /** The same rules for another kind of token, named so in refusals. */
    public JwsPolicy named(String name) {
        return new JwsPolicy(
                name, algorithms, understoodCritical, malformed, algorithmNotAllowed, keyMismatch, signatureInvalid);
    }

    /** Refuses an {@code alg} outside the allow-list; before any key is looked up. */
    public void requireAllowedAlgorithm(CompactJws jws) {
        if (!algorithms.contains(jws.alg())) {
            throw OAuthException.of(algorithmNotAllowed, what + " alg " + SafeText.of(jws.alg()) + " is not allowed");
        }
    }

    /** Refuses a {@code crit} header this verifier does not understand. */
    public void requireUnderstoodCritical(CompactJws jws) {
        for (String name : jws.critical()) {
            if (!understoodCritical.contains(name)) {
                throw OAuthException.of(malformed, what + " has an unsupported critical header");
            }
        }
    }

    /** The header rules: allowed {@code alg}, understood {@code crit}; before any key is looked up. */
    public void checkHeader(CompactJws jws) {
        requireAllowedAlgorithm(jws);
        requireUnderstoodCritical(jws);
    }

    /** The whole policy, then the signature with {@code key}: {@link #checkHeader}, {@link #requireSignature}. */
    public void verify(CompactJws jws, Key key, String keyAlgorithm, String signer) {
        checkHeader(jws);
        requireSignature(jws, key, keyAlgorithm, signer);
    }

    /**
     * The signature with {@code key}, once {@link #checkHeader} has passed.
     *
     * @param keyAlgorithm the only {@code alg} the signer's key makes (a did:key's), or null when the key type
     *     decides (a certificate's RSA or EC key: a wrong pairing does not verify)
     * @param signer how a refusal names the key, e.g. "the client's did:key"
     */
    public void requireSignature(CompactJws jws, Key key, String keyAlgorithm, String signer) {
        if (keyAlgorithm != null && !keyAlgorithm.equals(jws.alg())) {
            throw OAuthException.of(keyMismatch, what + " alg " + jws.alg() + " does not fit " + signer);
        }
        if (!jws.verify(key, jws.alg())) {
            throw OAuthException.of(signatureInvalid, what + " signature does not verify with " + signer);
        }
    }
}
