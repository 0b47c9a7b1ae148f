package io.lear.verifier.trust;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PKIX validation of an {@code x5c} chain to the configured anchors (RFC 5280 via the JDK's
 * CertPathBuilder): the builder finds a path from the leaf through any of the sent certificates to
 * any anchor, so extra certificates (such as a root sent along) do no harm. Every certificate on
 * the path must be valid at the given instant. Results are remembered per chain fingerprint until
 * the first certificate of the chain expires, since DOME issuers sign with the same few chains.
 */
public final class CertificateChainValidator {
    private static final int MAX_CACHED = 1024;

    private final TrustAnchors anchors;
    private final ConcurrentHashMap<String, Validity> validated = new ConcurrentHashMap<>();

    private record Validity(Instant notBefore, Instant notAfter) {
        boolean covers(Instant t) {
            return !t.isBefore(notBefore) && !t.isAfter(notAfter);
        }
    }

    public CertificateChainValidator(TrustAnchors anchors) {
        this.anchors = anchors;
    }

    /** @return whether {@code chain} (leaf first) reaches an anchor with every certificate valid at {@code at} */
    public boolean isTrusted(List<X509Certificate> chain, Instant at) {
        if (anchors.isEmpty() || chain.isEmpty()) {
            return false;
        }
        String key = fingerprint(chain);
        Validity known = validated.get(key);
        if (known != null) {
            return known.covers(at);
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(chain.get(0));
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors.asSet(), target);
            // Certificate revocation (CRL/OCSP) would need outbound fetches; the profile trusts the anchors' CAs.
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
            var result = (java.security.cert.PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
            Instant notBefore = Instant.MIN;
            Instant notAfter = Instant.MAX;
            List<X509Certificate> path = new ArrayList<>();
            for (var c : result.getCertPath().getCertificates()) {
                path.add((X509Certificate) c);
            }
            path.add(result.getTrustAnchor().getTrustedCert());
            for (X509Certificate c : path) {
                notBefore = max(notBefore, c.getNotBefore().toInstant());
                notAfter = min(notAfter, c.getNotAfter().toInstant());
            }
            if (validated.size() >= MAX_CACHED) {
                validated.clear();
            }
            validated.put(key, new Validity(notBefore, notAfter));
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String fingerprint(List<X509Certificate> chain) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (X509Certificate c : chain) {
                byte[] der = c.getEncoded();
                md.update((byte) (der.length >>> 24));
                md.update((byte) (der.length >>> 16));
                md.update((byte) (der.length >>> 8));
                md.update((byte) der.length);
                md.update(der);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
