package io.lear.verifier.trust;

import io.lear.verifier.cache.Admission;
import io.lear.verifier.cache.BoundedCache;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.TimeWindow;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * PKIX validation of an {@code x5c} chain to the configured anchors (RFC 5280 via the JDK's
 * CertPathBuilder), then the seal profile of §15.1 on the path found. The builder finds a path from
 * the leaf through any of the sent certificates to any anchor, so extra certificates (such as a root
 * sent along) do no harm. Every certificate of the path, the anchor included, must be valid at the
 * given instant give or take the clock skew — on the first use of a chain as on later ones. Results
 * are remembered per chain fingerprint with the path's common validity window, since DOME issuers
 * sign with the same few chains.
 */
public final class CertificateChainValidator {
    static final int MAX_INTERMEDIATES = IssuerSignatures.MAX_CHAIN - 1;
    private final TrustAnchors anchors;
    private final Duration skew;
    /** Validated chains, kept once their request is granted ({@link Admission}). */
    private final BoundedCache<String, Validity> validated;

    private record Validity(Instant notBefore, Instant notAfter) {
        boolean covers(Instant t, Duration skew) {
            return TimeWindow.contains(Optional.of(notBefore), Optional.of(notAfter), t, skew);
        }
    }

    public CertificateChainValidator(TrustAnchors anchors, Duration skew) {
        this(anchors, skew, 1024);
    }

    CertificateChainValidator(TrustAnchors anchors, Duration skew, int maxCached) {
        this.anchors = anchors;
        this.skew = skew;
        this.validated = new BoundedCache<>(maxCached);
    }

    /** For tests and metrics: chains held. */
    public long cachedChains() {
        return validated.size();
    }

    /**
     * Requires {@code chain} (leaf first) to reach an anchor, fit the seal profile, and have every
     * certificate of its path valid at {@code at}.
     *
     * @throws OAuthException vc_certificate_untrusted
     */
    public void requireTrusted(List<X509Certificate> chain, Instant at) {
        if (chain.isEmpty()) {
            throw untrusted("credential certificate chain does not lead to a trust anchor");
        }
        String key = fingerprint(chain);
        Validity known = validated.get(key);
        if (known == null) {
            SealCertificateProfile.checkLeaf(chain.get(0));
            List<X509Certificate> path = buildPath(chain, at);
            SealCertificateProfile.checkPath(path);
            known = validity(path);
            Admission.stage(validated, key, known);
        }
        if (!known.covers(at, skew)) {
            throw untrusted("a certificate of the credential's certificate path is not valid now");
        }
    }

    /** The path from the leaf to the anchor (anchor last); PKIX checks dates at now, then now ∓ skew. */
    private List<X509Certificate> buildPath(List<X509Certificate> chain, Instant at) {
        // The dates around now only matter when a certificate is not valid at now itself: a stranger's chain that
        // fails for any other reason costs one search, not three.
        Set<Instant> dates =
                allValidAt(chain, at) ? Set.of(at) : new LinkedHashSet<>(List.of(at, at.minus(skew), at.plus(skew)));
        for (Instant date : dates) {
            try {
                X509CertSelector target = new X509CertSelector();
                target.setCertificate(chain.get(0));
                PKIXBuilderParameters params = new PKIXBuilderParameters(anchors.asSet(), target);
                // Certificate revocation (CRL/OCSP) would need outbound fetches; the profile trusts the anchors' CAs.
                params.setRevocationEnabled(false);
                // Bounded search: no path longer than the x5c can be (leaf, at most four intermediates).
                params.setMaxPathLength(MAX_INTERMEDIATES);
                params.setDate(Date.from(date));
                params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
                var result = (PKIXCertPathBuilderResult)
                        CertPathBuilder.getInstance("PKIX").build(params);
                List<X509Certificate> path = new ArrayList<>();
                for (var c : result.getCertPath().getCertificates()) {
                    path.add((X509Certificate) c);
                }
                path.add(result.getTrustAnchor().getTrustedCert());
                return path;
            } catch (GeneralSecurityException | RuntimeException e) {
                // Not at this date; the next one, or untrusted.
            }
        }
        throw untrusted(
                "credential certificate chain does not lead to a trust anchor, or a certificate is not valid now");
    }

    private static boolean allValidAt(List<X509Certificate> chain, Instant at) {
        for (X509Certificate c : chain) {
            try {
                c.checkValidity(Date.from(at));
            } catch (java.security.cert.CertificateException e) {
                return false;
            }
        }
        return true;
    }

    private static Validity validity(List<X509Certificate> path) {
        Instant notBefore = Instant.MIN;
        Instant notAfter = Instant.MAX;
        for (X509Certificate c : path) {
            Instant from = c.getNotBefore().toInstant();
            Instant to = c.getNotAfter().toInstant();
            notBefore = from.isAfter(notBefore) ? from : notBefore;
            notAfter = to.isBefore(notAfter) ? to : notAfter;
        }
        return new Validity(notBefore, notAfter);
    }

    private static OAuthException untrusted(String description) {
        return OAuthException.of(Reason.VC_CERTIFICATE_UNTRUSTED, description);
    }

    private static String fingerprint(List<X509Certificate> chain) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (X509Certificate c : chain) {
                md.update(c.getEncoded()); // DER is self-delimiting: the concatenation is unambiguous
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
