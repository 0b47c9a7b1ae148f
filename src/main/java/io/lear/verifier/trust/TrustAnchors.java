package io.lear.verifier.trust;

import io.lear.verifier.config.ConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The CA certificates configured in {@code verifier.trust.anchors} (profile §7.1). Every certificate
 * in the file is an anchor, root or intermediate: a chain that reaches any of them is trusted.
 */
public final class TrustAnchors {
    private final Set<TrustAnchor> anchors;

    private TrustAnchors(Set<TrustAnchor> anchors) {
        this.anchors = Set.copyOf(anchors);
    }

    public static TrustAnchors none() {
        return new TrustAnchors(Set.of());
    }

    public static TrustAnchors load(Optional<Path> pemFile) {
        if (pemFile.isEmpty()) {
            return none();
        }
        byte[] pem;
        try {
            pem = Files.readAllBytes(pemFile.get());
        } catch (IOException e) {
            throw new ConfigurationException("verifier.trust.anchors", "cannot read " + pemFile.get());
        }
        List<X509Certificate> certs;
        try {
            certs = parse(pem);
        } catch (CertificateException e) {
            throw new ConfigurationException("verifier.trust.anchors", "not a PEM file of X.509 certificates");
        }
        if (certs.isEmpty()) {
            throw new ConfigurationException("verifier.trust.anchors", "holds no certificate");
        }
        return of(certs);
    }

    public static TrustAnchors of(Collection<X509Certificate> certs) {
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate c : certs) {
            set.add(new TrustAnchor(c, null));
        }
        return new TrustAnchors(set);
    }

    @SuppressWarnings("unchecked")
    static List<X509Certificate> parse(byte[] pem) throws CertificateException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        return List.copyOf((Collection<X509Certificate>) cf.generateCertificates(new ByteArrayInputStream(pem)));
    }

    public boolean isEmpty() {
        return anchors.isEmpty();
    }

    public Set<TrustAnchor> asSet() {
        return anchors;
    }
}
