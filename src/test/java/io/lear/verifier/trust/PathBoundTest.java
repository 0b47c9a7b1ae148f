package io.lear.verifier.trust;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.TestPki;
import io.lear.verifier.testsupport.TestPki.Issued;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/** Issue 20: the PKIX search is bounded to the longest path an x5c may hold (leaf and four intermediates). */
class PathBoundTest {
    private static final Instant NOW = Instant.now();
    private static final Issued ROOT = ca("Bound Root", null);

    private static Issued ca(String name, Issued parent) {
        return TestPki.custom(
                new X500Name("CN=" + name + ",O=LEAR Test,C=EU"),
                TestPki.rsa(2048),
                parent,
                NOW.minus(1, ChronoUnit.DAYS),
                NOW.plus(365, ChronoUnit.DAYS),
                "SHA256withRSA",
                TestPki::caExtensions);
    }

    /** A seal under {@code intermediates} CAs below the root, leaf first, the root left out. */
    private static List<X509Certificate> chain(int intermediates) {
        List<Issued> cas = new ArrayList<>();
        Issued parent = ROOT;
        for (int i = 0; i < intermediates; i++) {
            parent = ca("Bound CA " + intermediates + "." + i, parent);
            cas.add(0, parent);
        }
        Issued leaf = TestPki.custom(
                TestPki.sealSubject("VATES-Q0000000J"),
                TestPki.rsa(2048),
                parent,
                NOW.minus(1, ChronoUnit.DAYS),
                NOW.plus(365, ChronoUnit.DAYS),
                "SHA256withRSA",
                b -> b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature)));
        List<X509Certificate> out = new ArrayList<>(List.of(leaf.certificate()));
        cas.forEach(c -> out.add(c.certificate()));
        return out;
    }

    private static CertificateChainValidator validator() {
        return new CertificateChainValidator(TrustAnchors.of(List.of(ROOT.certificate())), Duration.ofSeconds(60));
    }

    @Test
    void fourIntermediatesAreSearched() {
        assertDoesNotThrow(() -> validator().requireTrusted(chain(4), NOW));
    }

    @Test
    void fiveIntermediatesAreBeyondTheBound() {
        OAuthException e = assertThrows(OAuthException.class, () -> validator().requireTrusted(chain(5), NOW));
        assertEquals(Reason.VC_CERTIFICATE_UNTRUSTED, e.reason());
        assertEquals(401, e.status());
        assertEquals("invalid_client", e.error().code());
    }
}
