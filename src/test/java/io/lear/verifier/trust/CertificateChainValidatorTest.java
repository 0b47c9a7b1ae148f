package io.lear.verifier.trust;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.testsupport.TestPki;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Profile §6/§7.1: any configured CA certificate, root or intermediate, is an anchor; nothing else is. */
class CertificateChainValidatorTest {
    private static final TestPki PKI = TestPki.create("Chain");
    private static final TestPki.Issued LEAF = PKI.rsaIssuer("VATES-Q0000000J");

    @Test
    void rootAnchorTrustsLeafWithIntermediate() {
        CertificateChainValidator v = new CertificateChainValidator(TrustAnchors.of(List.of(PKI.root.certificate())));
        assertTrue(v.isTrusted(List.of(LEAF.certificate(), PKI.intermediate.certificate()), Instant.now()));
        // Without the intermediate there is no path to the root.
        assertFalse(v.isTrusted(List.of(LEAF.certificate()), Instant.now()));
    }

    @Test
    void intermediateAnchorTrustsLeafAloneAndIgnoresExtraCertificates() {
        CertificateChainValidator v = new CertificateChainValidator(TrustAnchors.of(List.of(PKI.intermediate.certificate())));
        assertTrue(v.isTrusted(List.of(LEAF.certificate()), Instant.now()));
        assertTrue(v.isTrusted(List.of(LEAF.certificate(), PKI.intermediate.certificate(), PKI.root.certificate()),
                Instant.now()));
    }

    @Test
    void refusesOtherPkisUnconfiguredAnchorsAndInvalidTimes() {
        TestPki other = TestPki.create("Other");
        CertificateChainValidator v = new CertificateChainValidator(TrustAnchors.of(List.of(other.root.certificate())));
        assertFalse(v.isTrusted(List.of(LEAF.certificate(), PKI.intermediate.certificate()), Instant.now()));
        assertFalse(new CertificateChainValidator(TrustAnchors.none()).isTrusted(List.of(LEAF.certificate()), Instant.now()));
        CertificateChainValidator root = new CertificateChainValidator(TrustAnchors.of(List.of(PKI.root.certificate())));
        List<java.security.cert.X509Certificate> chain = List.of(LEAF.certificate(), PKI.intermediate.certificate());
        assertTrue(root.isTrusted(chain, Instant.now()));
        // Cached for the chain, yet still judged at the given time.
        assertFalse(root.isTrusted(chain, Instant.now().plus(400, ChronoUnit.DAYS)));
        assertFalse(root.isTrusted(chain, Instant.now().minus(2, ChronoUnit.DAYS)));
    }
}
