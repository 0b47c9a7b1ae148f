package io.lear.verifier.bench;

import java.io.BufferedWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EcKeyUtil;
import org.jose4j.keys.EllipticCurves;

/**
 * The Keycloak peer's requests (bench/run.py --peer keycloak): the plain {@code private_key_jwt}
 * client-credentials grant Keycloak does, with an ES256 client assertion (RFC 7523) and a fresh jti
 * per request, so both servers get unique, valid requests of the same form. Usage:
 * <ul>
 *   <li>{@code keys <dir>}: a P-256 key pair; {@code client.jwks.json} (public) goes into the client's
 *       inline JWKS, {@code client.key} (PKCS#8) stays in the bench directory;
 *   <li>{@code bodies <dir> <client-id> <token-url> <count> <out-file>}: one form body per line;
 *   <li>{@code warmup <dir> <client-id> <token-url> <seconds> <threads>}: requests built on the fly.
 * </ul>
 */
public final class KeycloakPeerRequests {
    private static final String KID = "bench-client";

    private KeycloakPeerRequests() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "keys" -> keys(dir);
            case "bodies" -> bodies(dir, args[2], args[3], Integer.parseInt(args[4]), Path.of(args[5]));
            case "warmup" -> warmup(dir, args[2], args[3], Long.parseLong(args[4]), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("keys | bodies | warmup");
        }
    }

    private static void keys(Path dir) throws Exception {
        KeyPair pair = new EcKeyUtil().generateKeyPair(EllipticCurves.P256);
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
        jwk.setKeyId(KID);
        jwk.setUse("sig");
        jwk.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("client.jwks.json"), new JsonWebKeySet(jwk).toJson());
        Files.write(dir.resolve("client.key"), pair.getPrivate().getEncoded());
    }

    private static PrivateKey privateKey(Path dir) throws Exception {
        return KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve("client.key"))));
    }

    /** RFC 7523 §3: iss = sub = client id, aud = the token endpoint, one-time jti, short exp. */
    static String body(PrivateKey key, String clientId, String tokenUrl) throws Exception {
        JwtClaims claims = new JwtClaims();
        long now = Instant.now().getEpochSecond();
        claims.setIssuer(clientId);
        claims.setSubject(clientId);
        claims.setAudience(tokenUrl);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 600));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(KID);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        return "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + jws.getCompactSerialization();
    }

    private static void bodies(Path dir, String clientId, String tokenUrl, int count, Path out) throws Exception {
        PrivateKey key = privateKey(dir);
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            for (int i = 0; i < count; i++) {
                w.write(body(key, clientId, tokenUrl));
                w.write('\n');
            }
        }
    }

    private static void warmup(Path dir, String clientId, String tokenUrl, long seconds, int threads) throws Exception {
        PrivateKey key = privateKey(dir);
        if (WarmupLoad.run(tokenUrl, seconds, threads, t -> () -> body(key, clientId, tokenUrl)) == 0) {
            System.exit(1);
        }
    }
}
