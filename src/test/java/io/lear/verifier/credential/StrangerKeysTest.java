package io.lear.verifier.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestPki;
import io.lear.verifier.testsupport.TestVerifier;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.RSAPublicKeySpec;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, cheap before costly, replayed in-process: what a stranger holding only a throw-away did:key sends is
 * refused before any public-key operation with a key it chose, and by lookups before signature and path work. Each
 * test names the reason the request got before the change.
 */
class StrangerKeysTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final TestVerifier verifier = TestVerifier.create();

    /** RSA-3072 with a 3,070-bit public exponent: the reviewer's 21-24 ms key. */
    static PublicKey costlyRsa() {
        try {
            BigInteger n = new BigInteger(3072, RANDOM).setBit(3071).setBit(0);
            BigInteger e = new BigInteger(3070, RANDOM).setBit(3069).setBit(0);
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A certificate for the costly key, named as the trusted issuer's seal, signed by {@code ca}'s key. */
    static TestPki.Issued costlyCertificate(X500Name subject, TestPki.Issued ca) {
        return TestPki.custom(
                subject,
                new KeyPair(costlyRsa(), ca.privateKey()),
                ca,
                java.time.Instant.now().minus(1, ChronoUnit.DAYS),
                java.time.Instant.now().plus(30, ChronoUnit.DAYS),
                "SHA256withRSA",
                b -> {});
    }

    private OAuthException refused(TestVerifier v, Scenario s) {
        OAuthException e =
                assertThrows(OAuthException.class, () -> v.authenticator.authenticate(s.assertion(), Optional.empty()));
        assertEquals(401, e.status(), e.description());
        assertEquals("invalid_client", e.error().code());
        return e;
    }

    @Test
    void leafWithAHugeExponentIsRefusedBeforeItsSignatureIsComputed() {
        Scenario s = verifier.scenario();
        TestPki.Issued costly = costlyCertificate(TestPki.sealSubject(Scenario.ORG), verifier.pki.intermediate);
        s.x5c = List.of(costly.x5c(), verifier.pki.intermediate.x5c());
        // Before: vc_signature_invalid, after an RSA verification with the 3,070-bit exponent.
        assertEquals(Reason.VC_CERTIFICATE_UNTRUSTED, refused(verifier, s).reason());
    }

    @Test
    void extraCertificateWithAHugeExponentIsRefusedThoughThePathWouldNotUseIt() {
        Scenario s = verifier.scenario();
        TestPki.Issued costly =
                costlyCertificate(new X500Name("CN=Fake Issuing CA,O=Stranger"), verifier.pki.intermediate);
        s.x5c = List.of(verifier.rsaIssuer.x5c(), costly.x5c(), verifier.pki.intermediate.x5c());
        // Before: granted; a PKIX search may try any certificate sent along.
        assertEquals(Reason.VC_CERTIFICATE_UNTRUSTED, refused(verifier, s).reason());
    }

    @Test
    void fiveCertificatesAreReadAndSixAreTooMany() {
        Scenario five = verifier.scenario();
        List<String> x5c = new ArrayList<>(List.of(verifier.rsaIssuer.x5c()));
        x5c.addAll(Collections.nCopies(4, verifier.pki.intermediate.x5c()));
        five.x5c = x5c;
        verifier.authenticator.authenticate(five.assertion(), Optional.empty());
        Scenario six = verifier.scenario();
        List<String> more = new ArrayList<>(x5c);
        more.add(verifier.pki.intermediate.x5c());
        six.x5c = more;
        // Before: accepted (up to ten; nine fake intermediates cost the reviewer 14 ms).
        assertEquals(Reason.VC_MALFORMED, refused(verifier, six).reason());
    }

    @Test
    void untrustedIssuerIsRefusedByLookupBeforeItsSignature() {
        TestVerifier nobodyTrusted = TestVerifier.withIssuers("{\"issuers\":[]}");
        Scenario s = nobodyTrusted.scenario();
        String vc = s.credential();
        // A forged signature: before, vc_signature_invalid (the signature was checked first).
        String forged = vc.substring(0, vc.lastIndexOf('.') + 1) + "c2ln";
        String assertion = s.assertionWith(s.vpEncoding.apply(s.presentation(forged)));
        OAuthException e = assertThrows(
                OAuthException.class, () -> nobodyTrusted.authenticator.authenticate(assertion, Optional.empty()));
        assertEquals(401, e.status());
        assertEquals(Reason.VC_ISSUER_UNTRUSTED, e.reason());
    }

    @Test
    void sealOfAnotherOrganisationIsRefusedByLookupBeforeItsSignature() {
        Scenario s = verifier.scenario();
        TestPki.Issued other = verifier.pki.rsaIssuer("VATES-B00000000");
        s.x5c = verifier.pki.x5c(other);
        // Signed by the issuer's own key, not the other seal's: before, vc_signature_invalid.
        assertEquals(Reason.VC_CERTIFICATE_MISMATCH, refused(verifier, s).reason());
    }
}
