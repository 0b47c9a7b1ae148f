package io.lear.verifier.token;

import io.lear.verifier.client.AuthenticatedClient;
import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.credential.MachineCredential;
import io.lear.verifier.jose.JsonText;
import io.lear.verifier.keys.SigningKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/** Signs the JWT access token (profile §9, RFC 9068): ES256, {@code typ at+jwt}, the active key's kid. */
public final class AccessTokenIssuer {

    private final VerifierConfig config;
    private final SigningKeys keys;
    private final Clock clock;

    public AccessTokenIssuer(VerifierConfig config, SigningKeys keys, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.clock = clock;
    }

    /** @param tenant the verified {@code X-Tenant}, lower case (profile §16.4), carried as claim {@code tenant} */
    public IssuedToken issue(
            AuthenticatedClient client, List<String> scopes, String audience, Optional<String> tenant) {
        return issue(client, scopes, audience, tenant, Optional.empty());
    }

    /** @param jkt the thumbprint of the DPoP key the token is bound to (RFC 9449 §6.1), carried as {@code cnf.jkt} */
    public IssuedToken issue(
            AuthenticatedClient client,
            List<String> scopes,
            String audience,
            Optional<String> tenant,
            Optional<String> jkt) {
        MachineCredential vc = client.credential();
        Instant now = clock.instant();
        long iat = now.getEpochSecond();
        long lifetime = config.tokenLifetime().toSeconds();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", config.issuer());
        claims.put("sub", client.clientId());
        claims.put("aud", audience);
        claims.put("client_id", client.clientId());
        // MicroProfile JWT resource servers (Liberty's by default) name the caller by 'upn'.
        claims.put("upn", client.clientId());
        claims.put("scope", String.join(" ", scopes));
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", iat);
        claims.put("exp", iat + lifetime);
        claims.put("groups", groups(vc));
        claims.put("organization_identifier", vc.mandator().organizationIdentifier());
        claims.put("credential_id", vc.id());
        claims.put("credential_type", vc.configurationId());
        tenant.ifPresent(t -> claims.put("tenant", t));
        jkt.ifPresent(t -> claims.put("cnf", Map.of("jkt", t)));
        // Always a JSON object (§16.5): the vc claim (VCDM 1.1) or the payload (VCDM 2.0).
        if (config.embedVc()) {
            claims.put("vc", vc.json());
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("typ", config.tokenTyp());
        jws.setKeyIdHeaderValue(keys.activeKeyId());
        jws.setKey(keys.activePrivateKey());
        jws.setPayload(JsonText.write(claims));
        try {
            return new IssuedToken(jws.getCompactSerialization(), lifetime, String.join(" ", scopes));
        } catch (JoseException e) {
            throw new IllegalStateException("signing the access token failed", e);
        }
    }

    static List<String> groups(MachineCredential vc) {
        LinkedHashSet<String> groups = new LinkedHashSet<>();
        for (MachineCredential.Power p : vc.powers()) {
            groups.add(p.group());
        }
        return new ArrayList<>(groups);
    }

    /** The signed token and what the response reports about it. */
    public record IssuedToken(String accessToken, long expiresIn, String scope) {}
}
