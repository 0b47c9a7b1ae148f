package io.lear.verifier.credential;

import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.jose.CompactJws;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Verifies the presentation's machine credential (profile §6, §16) in a fixed order, the same for every lineage:
 * selection and lineage (configuration id, {@code verifier.credential.types}), reading by the lineage's reader,
 * algorithm, the x5c's key limits and the seal's organizationIdentifier, the issuer object and the trusted issuer
 * (lookups, before any key work), signature and certificate path (or did:key), trusted issuer again (the registry
 * may now be asked), validity window, holder binding, {@code X-Tenant}, participant mandator, revocation.
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
    private final CredentialLineages lineages;
    private final KeyBindingVerifier keyBinding;

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
        this.lineages = new CredentialLineages(config.credentialTypes());
        this.keyBinding = new KeyBindingVerifier(
                java.util.Set.of(config.issuer(), config.issuer() + "/", config.tokenEndpoint()), clock, skew);
    }

    /** For the CDI client proxy only (it never verifies anything itself). */
    protected CredentialVerifier() {
        clock = null;
        skew = null;
        issuerSignatures = null;
        trustedIssuers = null;
        participants = null;
        statusLists = null;
        lineages = null;
        keyBinding = null;
    }

    /** Verifies the one machine credential among {@code credentials} for {@code holder}. */
    public MachineCredential verify(List<String> credentials, DidKey holder) {
        return verify(credentials, holder, Optional.empty());
    }

    /**
     * Verifies the one machine credential among {@code credentials} for {@code holder}; a {@code tenant} (the
     * {@code X-Tenant} header, lower case) must name one of its power domains (§16.4).
     */
    @Override
    public MachineCredential verify(List<String> credentials, DidKey holder, Optional<String> tenant) {
        Selected selected = selectMachineCredential(credentials);
        MachineCredential vc = lineages.reader(selected.configurationId()).read(selected.presented());
        CompactJws jws = selected.presented().issuerJwt();
        Instant now = clock.instant();
        // Lookups before key work (issue 20): a stranger's credential for an issuer nobody trusts, or a seal of
        // another organisation, is refused before its signature and certificate path cost anything.
        issuerSignatures.verifySignature(JwsPolicy.CREDENTIAL, jws, vc.issuerId(), now, () -> {
            checkIssuerObject(vc);
            trustedIssuers.lookupWithoutFetch(vc.issuerId()).ifPresent(entries -> requireTrusted(vc, entries, now));
        });
        vc.jwtIssuer()
                .filter(iss -> !iss.equals(vc.issuerId()))
                .ifPresent(iss -> LOG.warning("credential JWT 'iss' " + SafeText.of(iss) + " differs from vc.issuer "
                        + SafeText.of(vc.issuerId()) + "; vc.issuer is used for trust"));
        checkTrustedIssuer(vc, now);
        checkValidity(vc, now);
        checkHolderBinding(vc, holder);
        // After the holder binding: the KB-JWT must be signed by the client key, which cnf has just been found to be.
        if (selected.presented() instanceof PresentedCredential.Sd sd) {
            keyBinding.verify(sd.sdJwt(), holder);
        }
        tenant.ifPresent(t -> checkTenant(vc, t));
        participants.ifPresent(p -> p.requireListed(vc.mandator().organizationIdentifier()));
        // Last: the only check that may fetch, and only for a credential proven to come from a trusted issuer.
        statusLists.requireNotRevoked(vc.id(), vc.issuerId(), vc.statuses());
        return vc;
    }

    private record Selected(PresentedCredential presented, String configurationId) {}

    /** Exactly one machine credential, of any lineage (§16.1); its lineage is checked against the accepted ones next. */
    private static Selected selectMachineCredential(List<String> credentials) {
        Selected machine = null;
        for (String c : credentials) {
            PresentedCredential presented = PresentedCredential.parse(c);
            Optional<String> id = CredentialLineages.configurationId(presented.lineageClaims());
            if (CredentialLineages.isMachine(id)) {
                if (machine != null) {
                    throw OAuthException.of(Reason.VP_MALFORMED, "VP holds more than one machine credential");
                }
                // The list's own constant, not the credential's text.
                machine = new Selected(
                        presented, CredentialLineages.MACHINE.get(CredentialLineages.MACHINE.indexOf(id.get())));
            }
        }
        if (machine != null) {
            return machine;
        }
        if (credentials.size() == 1) {
            throw OAuthException.of(Reason.VC_TYPE_INVALID, "credential type is not a machine credential");
        }
        throw OAuthException.of(Reason.VP_NO_MACHINE_CREDENTIAL, "VP holds no machine credential");
    }

    /** §16.2: an {@code issuer.organizationIdentifier} the lineage states must be the did:elsi suffix, the seal's. */
    private static void checkIssuerObject(MachineCredential vc) {
        if (vc.issuerOrganizationIdentifier().isPresent()
                && !vc.issuerId()
                        .equals("did:elsi:" + vc.issuerOrganizationIdentifier().get())) {
            throw OAuthException.of(
                    Reason.VC_CERTIFICATE_MISMATCH,
                    "credential issuer.organizationIdentifier is not the did:elsi issuer's, the seal's");
        }
    }

    /** After the path: now the registry may be asked (§15.2). */
    private void checkTrustedIssuer(MachineCredential vc, Instant now) {
        requireTrusted(vc, trustedIssuers.lookup(vc.issuerId()), now);
    }

    private void requireTrusted(MachineCredential vc, List<TrustedIssuer> entries, Instant now) {
        if (entries.isEmpty()) {
            throw OAuthException.of(Reason.VC_ISSUER_UNTRUSTED, "credential issuer is not a trusted issuer");
        }
        if (entries.stream().noneMatch(e -> e.allows(vc.configurationId(), now, skew))) {
            throw OAuthException.of(
                    Reason.VC_ISSUER_UNTRUSTED,
                    "credential issuer is not trusted for " + vc.configurationId() + " at this time");
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
        // A random urn:uuid in the EUDIStack lineages: only a DID names the holder (§16.2, every lineage).
        if (vc.subjectId().isPresent()
                && vc.subjectId().get().startsWith("did:")
                && !vc.subjectId().get().equals(holder.did())) {
            throw OAuthException.of(Reason.VC_HOLDER_MISMATCH, "credentialSubject.id is not the authenticated client");
        }
        if (vc.jwtSubject().isPresent() && !vc.jwtSubject().get().equals(holder.did())) {
            throw OAuthException.of(Reason.VC_HOLDER_MISMATCH, "credential JWT 'sub' is not the authenticated client");
        }
        if (vc.keyBindingRequired()
                && vc.confirmationKid().isEmpty()
                && vc.confirmationJwk().isEmpty()) {
            throw OAuthException.of(
                    Reason.VC_HOLDER_MISMATCH, "credential 'cnf' binds no key of the client ('jwk' or 'kid')");
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

    /** §16.4: the tenant (ASCII, lower case) is, ignoring ASCII case, the domain of at least one power. */
    private static void checkTenant(MachineCredential vc, String tenant) {
        for (MachineCredential.Power p : vc.powers()) {
            if (asciiEqualsIgnoreCase(p.domain(), tenant)) {
                return;
            }
        }
        throw OAuthException.of(Reason.TENANT_MISMATCH, "X-Tenant names no power domain of the credential");
    }

    /** Case folding of ASCII letters only: no Unicode folding makes another domain equal the tenant. */
    static boolean asciiEqualsIgnoreCase(String domain, String lowerCaseTenant) {
        if (domain.length() != lowerCaseTenant.length()) {
            return false;
        }
        for (int i = 0; i < domain.length(); i++) {
            char c = domain.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerCaseTenant.charAt(i)) {
                return false;
            }
        }
        return true;
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
