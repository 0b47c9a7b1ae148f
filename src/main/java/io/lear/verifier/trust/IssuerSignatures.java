package io.lear.verifier.trust;

import io.lear.verifier.cache.Admission;
import io.lear.verifier.cache.BoundedCache;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.CompactJws;
import io.lear.verifier.jose.JwsPolicy;
import io.lear.verifier.keys.DidKey;
import io.lear.verifier.keys.DidKeyResolver;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Finds and checks the key that signed a credential or status list: the {@code x5c} leaf, chained
 * to a trust anchor and carrying the issuer's organizationIdentifier, for {@code did:elsi} issuers;
 * the DID's own key for {@code did:key} issuers. Then verifies the signature with it.
 */
public final class IssuerSignatures {
    static final String ELSI_PREFIX = "did:elsi:";
    /** Leaf, intermediates and perhaps the root: real DOME seals send two or three (issue 20: cheap before costly). */
    static final int MAX_CHAIN = 5;

    private static final int MAX_CERT_CHARS = 16 * 1024;

    private final CertificateChainValidator chains;
    private final DidKeyResolver dids;
    /** Parsed x5c certificates by their Base64 text: DOME issuers sign with the same few certificates. */
    private final BoundedCache<String, X509Certificate> parsed;

    public IssuerSignatures(CertificateChainValidator chains, DidKeyResolver dids) {
        this(chains, dids, 1000);
    }

    IssuerSignatures(CertificateChainValidator chains, DidKeyResolver dids, int maxCachedCertificates) {
        this.chains = chains;
        this.dids = dids;
        this.parsed = new BoundedCache<>(maxCachedCertificates);
    }

    private static final java.util.regex.Pattern ORGANIZATION_IDENTIFIER =
            java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,64}");

    /**
     * The issuer DID of an SD-JWT VC or Token Status List {@code iss} (profile §16.3): a DID as it is, or the bare
     * organizationIdentifier the EUDIStack issuer writes, read as {@code did:elsi:<org>}; empty for anything else.
     */
    public static java.util.Optional<String> sdJwtIssuerId(String iss) {
        if (iss.startsWith("did:")) {
            return java.util.Optional.of(iss);
        }
        return ORGANIZATION_IDENTIFIER.matcher(iss).matches()
                ? java.util.Optional.of(ELSI_PREFIX + iss)
                : java.util.Optional.empty();
    }

    /** For tests and metrics: validated chains held. */
    public long cachedChains() {
        return chains.cachedChains();
    }

    /** For tests and metrics: certificates held. */
    public long cachedCertificates() {
        return parsed.size();
    }

    /**
     * Verifies {@code jws} as issued by {@code issuerId} at {@code now}.
     *
     * @throws OAuthException vc_signature_invalid, vc_certificate_untrusted, vc_certificate_mismatch,
     *     vc_issuer_untrusted or vc_malformed
     */
    public void verifySignature(JwsPolicy policy, CompactJws jws, String issuerId, Instant now) {
        verifySignature(policy, jws, issuerId, now, () -> {});
    }

    /**
     * The same, cheap before costly (issue 20): the {@code x5c} is read and every key in it held to
     * {@link PublicKeyLimits}, the seal's organizationIdentifier compared with the DID and {@code lookups} run (the
     * caller's checks that need no key: the trusted issuer, say) before the signature and the certificate path,
     * the only steps that compute with a key the request supplied.
     */
    public void verifySignature(JwsPolicy policy, CompactJws jws, String issuerId, Instant now, Runnable lookups) {
        policy.checkHeader(jws);
        if (issuerId.startsWith(ELSI_PREFIX)) {
            verifyWithCertificate(policy, jws, issuerId.substring(ELSI_PREFIX.length()), now, lookups);
        } else if (issuerId.startsWith(DidKey.PREFIX)) {
            DidKey key;
            try {
                key = dids.resolve(issuerId);
            } catch (IllegalArgumentException e) {
                throw OAuthException.of(Reason.VC_ISSUER_UNTRUSTED, "credential issuer did:key cannot be resolved");
            }
            lookups.run();
            policy.requireSignature(jws, key.publicKey(), key.type().jwsAlgorithm(), "the issuer's did:key");
        } else {
            throw OAuthException.of(Reason.VC_ISSUER_UNTRUSTED, "credential issuer must be a did:elsi or did:key");
        }
    }

    private void verifyWithCertificate(
            JwsPolicy policy, CompactJws jws, String organizationIdentifier, Instant now, Runnable lookups) {
        List<String> encoded = x5c(jws);
        List<X509Certificate> chain = certificates(encoded);
        if (jws.alg().equals("EdDSA")) {
            // Seals are RSA or EC certificates (§15.1); EdDSA is for did:key issuers.
            throw OAuthException.of(
                    policy.signatureInvalid(), policy.what() + " signed with EdDSA under an x5c certificate");
        }
        // Every key the path search could try, not only the leaf's: no candidate with an oversized key is tried.
        for (X509Certificate c : chain) {
            PublicKeyLimits.require(c.getPublicKey());
        }
        // Exactly one value: a seal naming two organisations must not sign for either (§15.1). A lookup in the
        // certificate's subject, so before the path: it refuses a stranger's seal for another organisation cheaply.
        if (!OrganizationIdentifier.of(chain.get(0)).equals(List.of(organizationIdentifier))) {
            throw OAuthException.of(
                    Reason.VC_CERTIFICATE_MISMATCH,
                    "credential certificate must hold exactly one organizationIdentifier, the did:elsi issuer's");
        }
        lookups.run();
        policy.requireSignature(jws, chain.get(0).getPublicKey(), null, "its x5c certificate");
        chains.requireTrusted(chain, now);
        remember(encoded, chain);
    }

    /**
     * Only a chain that proved itself is staged, and it is kept only once its request is granted (the issuer trusted
     * too): a stranger's certificates never occupy the cache.
     */
    private void remember(List<String> encoded, List<X509Certificate> chain) {
        for (int i = 0; i < encoded.size(); i++) {
            Admission.stage(parsed, encoded.get(i), chain.get(i));
        }
    }

    private List<String> x5c(CompactJws jws) {
        Object raw = jws.header().raw().get("x5c");
        if (raw == null) {
            throw OAuthException.of(
                    Reason.VC_CERTIFICATE_UNTRUSTED, "did:elsi credential has no x5c certificate chain");
        }
        if (!(raw instanceof List<?> list) || list.isEmpty() || list.size() > MAX_CHAIN) {
            throw OAuthException.of(
                    Reason.VC_MALFORMED, "credential x5c is not an array of 1 to " + MAX_CHAIN + " certificates");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s) || s.length() > MAX_CERT_CHARS) {
                throw OAuthException.of(Reason.VC_MALFORMED, "credential x5c holds a non-certificate");
            }
            out.add(s);
        }
        return out;
    }

    private List<X509Certificate> certificates(List<String> encoded) {
        List<X509Certificate> out = new ArrayList<>(encoded.size());
        try {
            CertificateFactory cf = null;
            for (String s : encoded) {
                X509Certificate cert = parsed.get(s);
                if (cert == null) {
                    cf = cf != null ? cf : CertificateFactory.getInstance("X.509");
                    cert = (X509Certificate) cf.generateCertificate(
                            new ByteArrayInputStream(Base64.getDecoder().decode(s)));
                }
                out.add(cert);
            }
        } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
            throw OAuthException.of(Reason.VC_MALFORMED, "credential x5c holds a certificate that cannot be read");
        }
        return out;
    }
}
