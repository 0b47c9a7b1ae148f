package io.lear.verifier.keys;

import io.lear.verifier.config.ConfigurationException;
import io.lear.verifier.jose.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * The verifier's ES256 signing keys: the active one signs, all are published in the JWKS so that
 * tokens signed before a rotation keep validating (profile §9).
 */
public final class SigningKeys {
    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    static final String DEV_KEYS_FILE = "lear-verifier-dev-keys.json";

    private final EllipticCurveJsonWebKey active;
    private final String publicJwks;

    private SigningKeys(List<EllipticCurveJsonWebKey> keys, EllipticCurveJsonWebKey active) {
        List<EllipticCurveJsonWebKey> ordered = new ArrayList<>();
        ordered.add(active);
        for (EllipticCurveJsonWebKey k : keys) {
            if (k != active) {
                ordered.add(k);
            }
        }
        this.active = active;
        this.publicJwks = renderPublic(ordered);
    }

    /**
     * Loads {@code verifier.keys} when set; otherwise the development key kept in {@code devDir}
     * (created once, then reused across restarts).
     */
    public static SigningKeys load(Optional<Path> keysFile, Optional<String> activeKid, Path devDir) {
        if (keysFile.isPresent()) {
            return fromFile(keysFile.get(), activeKid);
        }
        Path dev = devDir.resolve(DEV_KEYS_FILE);
        if (!Files.exists(dev)) {
            generateDevKey(dev);
        }
        LOG.warning("verifier.keys is not set: signing with the development key in " + dev
                + "; do not use this in production");
        return fromFile(dev, activeKid);
    }

    static SigningKeys fromFile(Path file, Optional<String> activeKid) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("verifier.keys", "cannot read " + file);
        }
        return fromJson(json, activeKid);
    }

    public static SigningKeys fromJson(String json, Optional<String> activeKid) {
        JsonWebKeySet set;
        try {
            set = new JsonWebKeySet(json);
        } catch (JoseException e) {
            throw new ConfigurationException("verifier.keys", "not a JWK Set");
        }
        List<EllipticCurveJsonWebKey> keys = new ArrayList<>();
        for (JsonWebKey jwk : set.getJsonWebKeys()) {
            if (!(jwk instanceof EllipticCurveJsonWebKey ec)
                    || !EllipticCurves.P256
                            .getCurve()
                            .equals(ec.getECPublicKey().getParams().getCurve())
                    || ec.getPrivateKey() == null) {
                throw new ConfigurationException("verifier.keys", "every key must be a private P-256 EC key");
            }
            if (ec.getKeyId() == null || ec.getKeyId().isBlank()) {
                throw new ConfigurationException("verifier.keys", "every key needs a 'kid'");
            }
            for (EllipticCurveJsonWebKey other : keys) {
                if (other.getKeyId().equals(ec.getKeyId())) {
                    throw new ConfigurationException("verifier.keys", "duplicate kid " + ec.getKeyId());
                }
            }
            keys.add(ec);
        }
        if (keys.isEmpty()) {
            throw new ConfigurationException("verifier.keys", "the key set is empty");
        }
        EllipticCurveJsonWebKey active = keys.get(0);
        if (activeKid.isPresent()) {
            active = keys.stream()
                    .filter(k -> k.getKeyId().equals(activeKid.get()))
                    .findFirst()
                    .orElseThrow(() -> new ConfigurationException(
                            "verifier.keys.active", "no key with kid " + activeKid.get() + " in verifier.keys"));
        }
        return new SigningKeys(keys, active);
    }

    /** A fresh private P-256 key with its RFC 7638 thumbprint as kid, in JWK Set form. */
    public static String generateJwks() {
        try {
            EllipticCurveJsonWebKey jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
            return new JsonWebKeySet(jwk).toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate a P-256 key", e);
        }
    }

    private static void generateDevKey(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, generateJwks(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system: the file keeps the directory's default permissions.
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // Another start created it first; use that one.
        } catch (IOException e) {
            throw new ConfigurationException(
                    "verifier.keys", "not set, and the development key cannot be written to " + file);
        }
    }

    private static String renderPublic(List<EllipticCurveJsonWebKey> keys) {
        List<Object> out = new ArrayList<>();
        for (EllipticCurveJsonWebKey k : keys) {
            Map<String, Object> params = new LinkedHashMap<>(k.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            params.put("kid", k.getKeyId());
            params.put("use", "sig");
            params.put("alg", AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            out.add(params);
        }
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("keys", out);
        return JsonText.write(set);
    }

    public String activeKeyId() {
        return active.getKeyId();
    }

    public ECPrivateKey activePrivateKey() {
        return (ECPrivateKey) active.getPrivateKey();
    }

    public ECPublicKey activePublicKey() {
        return active.getECPublicKey();
    }

    /** The JWK Set with public members only, active key first. */
    public String publicJwks() {
        return publicJwks;
    }
}
