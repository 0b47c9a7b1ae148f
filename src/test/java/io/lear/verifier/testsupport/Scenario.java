package io.lear.verifier.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * An object mother for the whole M2M request: preset to a valid LEARCredentialMachine (v2 shape)
 * issued by an x5c seal, in a VP signed by the machine, inside a client assertion. Each test
 * changes one thing through the public fields and mutators, then calls {@link #assertion()}.
 * {@link #eudiStack()} turns it into a {@code learcredential.machine.w3c.3} credential exactly as the
 * EUDIStack issuer mints it, sent exactly as the EUDIStack Java client sends it (profile §16.2, §16.6).
 */
public final class Scenario {
    public static final String ORG = "VATES-Q0000000J";
    public static final String ISSUER_DID = "did:elsi:" + ORG;

    public TestMachine machine = TestMachine.p256();
    public TestPki.Issued issuerCert;
    public List<String> x5c;
    public String vcAlg = "RS256";
    public String issuerId = ISSUER_DID;
    public String audience;
    public Instant now = Instant.now();
    public boolean v1 = false;
    /** A {@code learcredential.machine.w3c.3} credential (VCDM 2.0, typ vc+jwt, cnf.jwk) instead of the legacy one. */
    public boolean w3c3 = false;
    /** The VP and assertion as the EUDIStack Java client builds them (header jwk, no kid, exp iat+120, no VP aud). */
    public boolean eudiStackClient = false;
    /** A {@code learcredential.machine.sd.1} SD-JWT VC (profile §16.3) instead of a JWT VC. */
    public boolean sd1 = false;
    /** The sd.1 {@code iss}: the bare organizationIdentifier, as the EUDIStack issuer writes it now. */
    public String sdIss = ORG;
    /** Changes the sd.1 payload and disclosures together before signing (digests the issuer signs, say). */
    public java.util.function.BiConsumer<Map<String, Object>, List<String>> sdIssued = (p, d) -> {};
    /** Changes the disclosures sent, after signing (forged, dropped, repeated ones). */
    public Consumer<List<String>> sdSent = d -> {};
    /** Appends a Key Binding JWT (typ kb+jwt, aud, iat, sd_hash), signed by {@link #kbSigner} or the machine. */
    public boolean keyBinding = false;

    public TestMachine kbSigner;
    public Consumer<Map<String, Object>> kbHeader = h -> {};
    public Consumer<Map<String, Object>> kbPayload = p -> {};

    public Consumer<Map<String, Object>> vcHeader = h -> {};
    public Consumer<Map<String, Object>> vcPayload = p -> {};
    public Consumer<Map<String, Object>> vpHeader = h -> {};
    public Consumer<Map<String, Object>> vpPayload = p -> {};
    public Consumer<Map<String, Object>> assertionHeader = h -> {};
    public Consumer<Map<String, Object>> assertionPayload = p -> {};
    /** How the VP JWT is put into vp_token; standard Base64 as DOME clients do by default. */
    public java.util.function.Function<String, String> vpEncoding =
            vp -> Base64.getEncoder().encodeToString(vp.getBytes(StandardCharsets.US_ASCII));
    /** Extra credentials placed in the VP before the machine credential. */
    public List<String> extraCredentials = new ArrayList<>();

    public Scenario(TestPki pki, TestPki.Issued issuerCert, String audience) {
        this(issuerCert, pki.x5c(issuerCert), audience);
    }

    public Scenario(TestPki.Issued issuerCert, List<String> x5c, String audience) {
        this.issuerCert = issuerCert;
        this.x5c = x5c;
        this.audience = audience;
    }

    /**
     * The EUDIStack variant: a w3c.3 credential sealed ES256 with {@code x5c} = seal + intermediate (root omitted),
     * {@code sigT} without {@code crit}, in a request shaped as §16.6.
     */
    public Scenario eudiStack() {
        w3c3 = true;
        eudiStackClient = true;
        vcAlg = issuerCert.privateKey().getAlgorithm().equals("EC") ? "ES256" : "RS256";
        return this;
    }

    /** The sd.1 variant: an SD-JWT VC as the EUDIStack issuer mints it, in a request shaped as §16.6. */
    public Scenario sdJwt() {
        eudiStack();
        w3c3 = false;
        sd1 = true;
        return this;
    }

    private String sdJwtCredential() {
        SdJwts.Issued issued = SdJwts.sd1(sdIss, machine, now);
        Map<String, Object> payload = issued.payload();
        List<String> disclosures = new ArrayList<>(issued.disclosures());
        sdIssued.accept(payload, disclosures);
        vcPayload.accept(payload);
        Map<String, Object> header = TestJwts.header(vcAlg);
        header.put("typ", "dc+sd-jwt");
        header.put("x5c", x5c);
        header.put("sigT", now.toString());
        vcHeader.accept(header);
        String jwt = TestJwts.sign(header, payload, issuerCert.privateKey());
        sdSent.accept(disclosures);
        StringBuilder sd = new StringBuilder(jwt).append('~');
        for (String d : disclosures) {
            sd.append(d).append('~');
        }
        if (!keyBinding) {
            return sd.toString();
        }
        TestMachine signer = kbSigner != null ? kbSigner : machine;
        Map<String, Object> kbh = TestJwts.header(signer.alg());
        kbh.put("typ", "kb+jwt");
        kbHeader.accept(kbh);
        Map<String, Object> kbp = new LinkedHashMap<>();
        kbp.put("iat", now.getEpochSecond());
        kbp.put("aud", audience);
        kbp.put("nonce", UUID.randomUUID().toString());
        kbp.put("sd_hash", SdJwts.digest(sd.toString()));
        kbPayload.accept(kbp);
        return sd + TestJwts.sign(kbh, kbp, signer.keys().getPrivate());
    }

    public String credential() {
        if (sd1) {
            return sdJwtCredential();
        }
        if (w3c3) {
            Map<String, Object> header = TestJwts.header(vcAlg);
            header.put("typ", "vc+jwt");
            header.put("x5c", x5c);
            header.put("sigT", now.toString());
            vcHeader.accept(header);
            Map<String, Object> payload = Credentials.w3c3(issuerId, machine, now);
            vcPayload.accept(payload);
            return TestJwts.sign(header, payload, issuerCert.privateKey());
        }
        Map<String, Object> header = TestJwts.header(vcAlg);
        header.put("typ", "jose");
        header.put("x5c", x5c);
        header.put("crit", List.of("sigT"));
        header.put("sigT", now.toString());
        vcHeader.accept(header);
        Map<String, Object> payload =
                v1 ? Credentials.v1(issuerId, machine.did(), now) : Credentials.v2(issuerId, machine.did(), now);
        vcPayload.accept(payload);
        return TestJwts.sign(header, payload, issuerCert.privateKey());
    }

    public String presentation(String... credentials) {
        if (eudiStackClient) {
            return eudiStackPresentation(credentials);
        }
        Map<String, Object> header = TestJwts.header(machine.alg());
        header.put("typ", "JWT");
        header.put("kid", machine.did() + "#" + machine.did().substring("did:key:".length()));
        vpHeader.accept(header);
        Map<String, Object> vp = new LinkedHashMap<>();
        vp.put("@context", List.of("https://www.w3.org/2018/credentials/v1"));
        vp.put("type", List.of("VerifiablePresentation"));
        vp.put("holder", machine.did());
        vp.put("verifiableCredential", List.of(credentials));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", machine.did());
        payload.put("sub", machine.did());
        payload.put("aud", audience);
        payload.put("iat", now.getEpochSecond());
        payload.put("nbf", now.getEpochSecond());
        payload.put("exp", now.getEpochSecond() + 30);
        payload.put("jti", "urn:uuid:" + UUID.randomUUID());
        payload.put("vp", vp);
        vpPayload.accept(payload);
        return TestJwts.sign(header, payload, machine.keys().getPrivate());
    }

    /** The VP as EUDIStack's VpJwtBuilder makes it: header jwk, no kid, no aud or nonce, no holder. */
    private String eudiStackPresentation(String... credentials) {
        Map<String, Object> header = TestJwts.header(machine.alg());
        header.put("typ", "JWT");
        header.put("jwk", publicJwk(machine));
        vpHeader.accept(header);
        Map<String, Object> vp = new LinkedHashMap<>();
        vp.put("@context", List.of("https://www.w3.org/2018/credentials/v1"));
        vp.put("type", List.of("VerifiablePresentation"));
        vp.put("verifiableCredential", List.of(credentials));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", machine.did());
        payload.put("sub", machine.did());
        payload.put("iat", now.getEpochSecond());
        payload.put("exp", now.getEpochSecond() + 300);
        payload.put("jti", UUID.randomUUID().toString());
        payload.put("vp", vp);
        vpPayload.accept(payload);
        return TestJwts.sign(header, payload, machine.keys().getPrivate());
    }

    /** The public JWK of a machine's key, as a JOSE header or {@code cnf.jwk} carries it. */
    public static Map<String, Object> publicJwk(TestMachine m) {
        try {
            return org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(m.keys().getPublic())
                    .toParams(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String assertionWith(String vpToken) {
        Map<String, Object> header = TestJwts.header(machine.alg());
        header.put("typ", "JWT");
        if (eudiStackClient) {
            header.put("jwk", publicJwk(machine));
        }
        assertionHeader.accept(header);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", machine.did());
        payload.put("sub", machine.did());
        payload.put("aud", audience);
        payload.put("iat", now.getEpochSecond());
        payload.put("exp", now.getEpochSecond() + (eudiStackClient ? 120 : 60));
        payload.put("jti", UUID.randomUUID().toString());
        payload.put("vp_token", vpToken);
        assertionPayload.accept(payload);
        return TestJwts.sign(header, payload, machine.keys().getPrivate());
    }

    /** Replaces the mandate's powers (v2 credential) by the single one given: e.g. a machine without onboarding. */
    public Scenario withOnlyPower(String domain, String function, String action) {
        vcPayload = p -> {
            Map<String, Object> mandate = PayloadPaths.mandate(p);
            mandate.put("power", List.of(Map.of("domain", domain, "function", function, "action", List.of(action))));
        };
        return this;
    }

    /** The full client assertion: credential in presentation in assertion. */
    public String assertion() {
        List<String> vcs = new ArrayList<>(extraCredentials);
        vcs.add(credential());
        return assertionWith(vpEncoding.apply(presentation(vcs.toArray(new String[0]))));
    }

    /** Credential payloads in the shapes DOME issuers produce. */
    public static final class Credentials {
        private Credentials() {}

        /** DOME v2 (2025): validFrom/validUntil, powers with domain/function/action arrays. */
        public static Map<String, Object> v2(String issuer, String holder, Instant now) {
            Map<String, Object> vc = new LinkedHashMap<>();
            vc.put(
                    "@context",
                    List.of(
                            "https://www.w3.org/ns/credentials/v2",
                            "https://www.dome-marketplace.eu/2025/credentials/learcredentialmachine/v2"));
            vc.put("id", "urn:uuid:" + UUID.randomUUID());
            vc.put("type", List.of("LEARCredentialMachine", "VerifiableCredential"));
            Map<String, Object> iss = new LinkedHashMap<>();
            iss.put("id", issuer);
            iss.put("organizationIdentifier", issuer.replace("did:elsi:", ""));
            iss.put("organization", "Test Issuer");
            iss.put("country", "ES");
            vc.put("issuer", iss);
            vc.put("validFrom", now.minusSeconds(86_400).toString());
            vc.put("validUntil", now.plusSeconds(86_400 * 365L).toString());
            Map<String, Object> mandatee = new LinkedHashMap<>();
            mandatee.put("id", holder);
            mandatee.put("domain", "service.example.org");
            mandatee.put("ipAddress", "192.0.2.10");
            Map<String, Object> mandator = new LinkedHashMap<>();
            mandator.put("id", "did:elsi:VATES-B60645900");
            mandator.put("organizationIdentifier", "VATES-B60645900");
            mandator.put("organization", "Machine Owner SL");
            mandator.put("country", "ES");
            mandator.put("commonName", "Owner");
            mandator.put("email", "owner@example.org");
            Map<String, Object> power = new LinkedHashMap<>();
            power.put("type", "domain");
            power.put("domain", "DOME");
            power.put("function", "Onboarding");
            power.put("action", List.of("Execute"));
            Map<String, Object> mandate = new LinkedHashMap<>();
            mandate.put("mandatee", mandatee);
            mandate.put("mandator", mandator);
            mandate.put("power", List.of(power));
            Map<String, Object> subject = new LinkedHashMap<>();
            subject.put("id", holder);
            subject.put("mandate", mandate);
            vc.put("credentialSubject", subject);
            return envelope(issuer, holder, now, vc);
        }

        /**
         * {@code learcredential.machine.w3c.3} as the EUDIStack issuer mints it (GenericCredentialBuilder): the
         * payload is the credential, no iss/sub/iat/nbf/exp/jti, issuer the DETAILED object, credentialSubject.id a
         * random urn:uuid, mandatee.id the machine's did:key, {@code cnf.jwk} its key.
         */
        public static Map<String, Object> w3c3(String issuer, TestMachine machine, Instant now) {
            Map<String, Object> vc = new LinkedHashMap<>();
            vc.put(
                    "@context",
                    List.of(
                            "https://www.w3.org/ns/credentials/v2",
                            "https://credentials.eudistack.eu/.well-known/credentials/lear_credential_machine/w3c/v2"));
            vc.put("id", "urn:uuid:" + UUID.randomUUID());
            vc.put("type", List.of("VerifiableCredential", "learcredential.machine.w3c.3"));
            vc.put("description", "Verifiable Credential for machines");
            Map<String, Object> iss = new LinkedHashMap<>();
            iss.put("id", issuer);
            iss.put("organizationIdentifier", issuer.replace("did:elsi:", ""));
            iss.put("organization", "Test Issuer");
            iss.put("country", "ES");
            iss.put("commonName", "Seal " + issuer.replace("did:elsi:", ""));
            iss.put("serialNumber", "4F2A");
            vc.put("issuer", iss);
            Map<String, Object> mandatee = new LinkedHashMap<>();
            mandatee.put("id", machine.did());
            mandatee.put("domain", "api.example.com");
            mandatee.put("ipAddress", "10.0.0.1");
            Map<String, Object> mandator = new LinkedHashMap<>();
            mandator.put("organizationIdentifier", "VATES-B60645900");
            mandator.put("organization", "Machine Owner SL");
            mandator.put("commonName", "Owner");
            mandator.put("country", "ES");
            mandator.put("email", "owner@example.org");
            mandator.put("serialNumber", "12345678Z");
            Map<String, Object> power = new LinkedHashMap<>();
            power.put("type", "domain");
            power.put("domain", "DOME");
            power.put("function", "Onboarding");
            power.put("action", List.of("Execute"));
            Map<String, Object> mandate = new LinkedHashMap<>();
            mandate.put("mandatee", mandatee);
            mandate.put("mandator", mandator);
            mandate.put("power", List.of(power));
            Map<String, Object> subject = new LinkedHashMap<>();
            subject.put("id", "urn:uuid:" + UUID.randomUUID());
            subject.put("mandate", mandate);
            vc.put("credentialSubject", subject);
            vc.put("validFrom", now.minusSeconds(86_400).toString());
            vc.put("validUntil", now.plusSeconds(86_400 * 365L).toString());
            Map<String, Object> cnf = new LinkedHashMap<>();
            cnf.put("jwk", publicJwk(machine));
            vc.put("cnf", cnf);
            return vc;
        }

        /** DOME v1 (2024): issuanceDate/expirationDate, tmf_* powers, issuer as a string. */
        public static Map<String, Object> v1(String issuer, String holder, Instant now) {
            Map<String, Object> vc = new LinkedHashMap<>();
            vc.put(
                    "@context",
                    List.of(
                            "https://www.w3.org/ns/credentials/v2",
                            "https://trust-framework.dome-marketplace.eu/credentials/learcredentialmachine/v1"));
            vc.put("id", UUID.randomUUID().toString());
            vc.put("type", List.of("VerifiableCredential", "LEARCredentialMachine"));
            vc.put("issuer", issuer);
            vc.put("issuanceDate", now.minusSeconds(86_400).toString());
            vc.put("validFrom", now.minusSeconds(86_400).toString());
            vc.put("expirationDate", now.plusSeconds(86_400 * 365L).toString());
            Map<String, Object> mandatee = new LinkedHashMap<>();
            mandatee.put("id", holder);
            mandatee.put("serviceName", "Test Service");
            mandatee.put("domain", "service.example.org");
            Map<String, Object> mandator = new LinkedHashMap<>();
            mandator.put("organizationIdentifier", "VATES-B60645900");
            mandator.put("organization", "Machine Owner SL");
            mandator.put("emailAddress", "owner@example.org");
            mandator.put("country", "ES");
            Map<String, Object> power = new LinkedHashMap<>();
            power.put("id", UUID.randomUUID().toString());
            power.put("tmf_type", "Domain");
            power.put("tmf_domain", "DOME");
            power.put("tmf_function", "Onboarding");
            power.put("tmf_action", "Execute");
            Map<String, Object> mandate = new LinkedHashMap<>();
            mandate.put("id", UUID.randomUUID().toString());
            mandate.put("mandatee", mandatee);
            mandate.put("mandator", mandator);
            mandate.put("power", List.of(power));
            vc.put("credentialSubject", Map.of("mandate", mandate));
            return envelope(issuer, holder, now, vc);
        }

        private static Map<String, Object> envelope(String issuer, String holder, Instant now, Map<String, Object> vc) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("iss", issuer);
            payload.put("sub", holder);
            payload.put("nbf", now.minusSeconds(86_400).getEpochSecond());
            payload.put("iat", now.minusSeconds(86_400).getEpochSecond());
            payload.put("exp", now.plusSeconds(86_400 * 365L).getEpochSecond());
            // Not the credential id: a test must tell which of the two the verifier reads.
            payload.put("jti", "urn:uuid:" + UUID.randomUUID());
            payload.put("vc", vc);
            return payload;
        }
    }
}
