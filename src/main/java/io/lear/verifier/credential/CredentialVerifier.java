package io.lear.verifier.credential;

import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.CompactJws;
import io.lear.verifier.jose.CredentialJwt;
import io.lear.verifier.jose.JwsPolicy;
import io.lear.verifier.jose.SafeText;
import io.lear.verifier.jose.TimeWindow;
import io.lear.verifier.keys.DidKey;
import io.lear.verifier.trust.IssuerSignatures;
import io.lear.verifier.trust.Participants;
import io.lear.verifier.trust.StatusLists;
import io.lear.verifier.trust.TrustedIssuer;
import io.lear.verifier.trust.TrustedIssuers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Verifies the presentation's LEARCredentialMachine (profile §6) in a fixed order: selection and
 * type, algorithm, shape, issuer key and signature (x5c chain or did:key), trusted issuer,
 * validity window, holder binding, participant mandator, revocation.
 */
@ApplicationScoped
public class CredentialVerifier implements CredentialValidator {
    private static final Logger LOG = Logger.getLogger(CredentialVerifier.class.getName());

    private final Clock clock;
    private final Duration skew;
    private final IssuerSignatures issuerSignatures;
    private final TrustedIssuers trustedIssuers;
    private final Optional<Participants> participants;
    private final StatusLists statusLists;

    @Inject
    public CredentialVerifier(
            VerifierConfig config,
            Clock clock,
            IssuerSignatures issuerSignatures,
            TrustedIssuers trustedIssuers,
            Optional<Participants> participants,
            StatusLists statusLists) {
        this.clock = clock;
        this.skew = config.clockSkew();
        this.issuerSignatures = issuerSignatures;
        this.trustedIssuers = trustedIssuers;
        this.participants = participants;
        this.statusLists = statusLists;
    }

    /** For the CDI client proxy only (it never verifies anything itself). */
    protected CredentialVerifier() {
        clock = null;
        skew = null;
        issuerSignatures = null;
        trustedIssuers = null;
        participants = null;
        statusLists = null;
    }

    /** Verifies the one machine credential among {@code credentials} for {@code holder}. */
    @Override
    public MachineCredential verify(List<String> credentials, DidKey holder) {
        CompactJws jws = selectMachineCredential(credentials);
        MachineCredential vc = MachineCredentialParser.parse(jws);
        Instant now = clock.instant();
        issuerSignatures.verifySignature(JwsPolicy.CREDENTIAL, jws, vc.issuerId(), now);
        vc.jwtIssuer()
                .filter(iss -> !iss.equals(vc.issuerId()))
                .ifPresent(iss -> LOG.warning("credential JWT 'iss' " + SafeText.of(iss) + " differs from vc.issuer "
                        + SafeText.of(vc.issuerId()) + "; vc.issuer is used for trust"));
        checkTrustedIssuer(vc, now);
        checkValidity(vc, now);
        checkHolderBinding(vc, holder);
        participants.ifPresent(p -> p.requireListed(vc.mandator().organizationIdentifier()));
        // Last: the only check that may fetch, and only for a credential proven to come from a trusted issuer.
        statusLists.requireNotRevoked(vc.id(), vc.issuerId(), vc.statuses());
        return vc;
    }

    private static CompactJws selectMachineCredential(List<String> credentials) {
        List<CompactJws> machine = new ArrayList<>(1);
        for (String c : credentials) {
            CompactJws jws = CompactJws.parse(c, Reason.VC_MALFORMED, "credential", CompactJws.MAX_VC_CHARS);
            if (CredentialJwt.types(CredentialJwt.credentialJson(jws)).contains(MachineCredential.TYPE)) {
                machine.add(jws);
            }
        }
        if (machine.size() > 1) {
            throw OAuthException.of(Reason.VP_MALFORMED, "VP holds more than one LEARCredentialMachine");
        }
        if (machine.size() == 1) {
            return machine.get(0);
        }
        if (credentials.size() == 1) {
            throw OAuthException.of(Reason.VC_TYPE_INVALID, "credential type is not LEARCredentialMachine");
        }
        throw OAuthException.of(Reason.VP_NO_MACHINE_CREDENTIAL, "VP holds no LEARCredentialMachine");
    }

    private void checkTrustedIssuer(MachineCredential vc, Instant now) {
        List<TrustedIssuer> entries = trustedIssuers.lookup(vc.issuerId());
        if (entries.isEmpty()) {
            throw OAuthException.of(Reason.VC_ISSUER_UNTRUSTED, "credential issuer is not a trusted issuer");
        }
        if (entries.stream().noneMatch(e -> e.allows(MachineCredential.TYPE, now, skew))) {
            throw OAuthException.of(
                    Reason.VC_ISSUER_UNTRUSTED,
                    "credential issuer is not trusted for LEARCredentialMachine at this time");
        }
    }

    private void checkValidity(MachineCredential vc, Instant now) {
        if (vc.validFrom().isPresent()
                && TimeWindow.notYetStarted(vc.validFrom().get(), now, skew)) {
            throw OAuthException.of(Reason.VC_NOT_YET_VALID, "credential is not valid yet");
        }
        if (vc.validUntil().isPresent() && TimeWindow.ended(vc.validUntil().get(), now, skew)) {
            throw OAuthException.of(Reason.VC_EXPIRED, "credential expired");
        }
    }

    private static void checkHolderBinding(MachineCredential vc, DidKey holder) {
        if (!vc.mandatee().id().equals(holder.did())) {
            throw OAuthException.of(Reason.VC_HOLDER_MISMATCH, "credential mandatee is not the authenticated client");
        }
        if (vc.subjectId().isPresent() && !vc.subjectId().get().equals(holder.did())) {
            throw OAuthException.of(Reason.VC_HOLDER_MISMATCH, "credentialSubject.id is not the authenticated client");
        }
        if (vc.jwtSubject().isPresent() && !vc.jwtSubject().get().equals(holder.did())) {
            throw OAuthException.of(Reason.VC_HOLDER_MISMATCH, "credential JWT 'sub' is not the authenticated client");
        }
        if (vc.confirmationKid().isPresent()
                && !withoutFragment(vc.confirmationKid().get()).equals(holder.did())) {
            throw OAuthException.of(
                    Reason.VC_HOLDER_MISMATCH, "credential 'cnf.kid' does not name the authenticated client");
        }
        if (vc.confirmationJwk().isPresent()
                && !thumbprint(vc.confirmationJwk().get()).equals(thumbprint(holder.publicKey()))) {
            throw OAuthException.of(Reason.VC_HOLDER_MISMATCH, "credential 'cnf.jwk' is not the client's key");
        }
    }

    private static String withoutFragment(String kid) {
        return kid.split("#", 2)[0];
    }

    private static String thumbprint(Map<String, Object> jwk) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(jwk).calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (JoseException | RuntimeException e) {
            throw OAuthException.of(Reason.VC_MALFORMED, "credential 'cnf.jwk' is not a public JWK");
        }
    }

    private static String thumbprint(PublicKey key) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(key).calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
