package io.lear.verifier.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.config.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {
    @TempDir
    Path dir;

    @Test
    void developmentKeyIsCreatedOnceAndKept() throws Exception {
        SigningKeys first = SigningKeys.load(Optional.empty(), Optional.empty(), dir);
        SigningKeys second = SigningKeys.load(Optional.empty(), Optional.empty(), dir);
        assertEquals(first.activeKeyId(), second.activeKeyId());
        assertTrue(Files.exists(dir.resolve(SigningKeys.DEV_KEYS_FILE)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void publishesEveryKeyWithoutPrivateMembersActiveFirst() throws Exception {
        String a = SigningKeys.generateJwks();
        String b = SigningKeys.generateJwks();
        List<Object> keys =
                new java.util.ArrayList<>((List<Object>) JsonUtil.parseJson(a).get("keys"));
        keys.addAll((List<Object>) JsonUtil.parseJson(b).get("keys"));
        String both = JsonUtil.toJson(Map.of("keys", keys));
        String secondKid = (String) ((Map<String, Object>) keys.get(1)).get("kid");
        SigningKeys set = SigningKeys.fromJson(both, Optional.of(secondKid));
        assertEquals(secondKid, set.activeKeyId());
        List<Map<String, Object>> published =
                (List<Map<String, Object>>) JsonUtil.parseJson(set.publicJwks()).get("keys");
        assertEquals(2, published.size());
        assertEquals(secondKid, published.get(0).get("kid"));
        assertEquals(
                ((Map<String, Object>) keys.get(0)).get("kid"), published.get(1).get("kid"));
        for (Map<String, Object> k : published) {
            assertFalse(k.containsKey("d"));
            assertEquals("sig", k.get("use"));
            assertEquals("ES256", k.get("alg"));
        }
    }

    @Test
    void configuredKeyFileIsUsedAndNoDevelopmentKeyIsWritten() throws Exception {
        Path file = dir.resolve("keys.json");
        String jwks = SigningKeys.generateJwks();
        Files.writeString(file, jwks);
        SigningKeys keys = SigningKeys.load(Optional.of(file), Optional.empty(), dir);
        @SuppressWarnings("unchecked")
        Map<String, Object> only =
                ((List<Map<String, Object>>) JsonUtil.parseJson(jwks).get("keys")).get(0);
        assertEquals(only.get("kid"), keys.activeKeyId());
        assertFalse(Files.exists(dir.resolve(SigningKeys.DEV_KEYS_FILE)));
    }

    @Test
    void badKeySetsNameTheKey() {
        assertMessage("verifier.keys", () -> SigningKeys.fromJson("{\"keys\":[]}", Optional.empty()));
        assertMessage("verifier.keys", () -> SigningKeys.fromJson("not json", Optional.empty()));
        String pub = "{\"keys\":[{\"kty\":\"EC\",\"kid\":\"x\",\"crv\":\"P-256\","
                + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}]}";
        assertMessage("verifier.keys", () -> SigningKeys.fromJson(pub, Optional.empty()));
        assertMessage(
                "verifier.keys.active", () -> SigningKeys.fromJson(SigningKeys.generateJwks(), Optional.of("nope")));
        assertMessage(
                "verifier.keys",
                () -> SigningKeys.load(Optional.of(dir.resolve("missing.json")), Optional.empty(), dir));
    }

    private static void assertMessage(String key, org.junit.jupiter.api.function.Executable e) {
        ConfigurationException ex = assertThrows(ConfigurationException.class, e);
        assertTrue(ex.getMessage().contains("'" + key + "'"), ex.getMessage());
    }
}
