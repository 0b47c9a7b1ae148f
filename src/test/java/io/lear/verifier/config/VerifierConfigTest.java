package io.lear.verifier.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifierConfigTest {
    private static VerifierConfig of(Map<String, String> m) {
        return VerifierConfig.from(k -> Optional.ofNullable(m.get(k)));
    }

    @Test
    void defaultsOfTheProfile() {
        VerifierConfig c = of(Map.of());
        assertEquals("http://localhost:9080", c.issuer());
        assertEquals("http://localhost:9080/oidc/token", c.tokenEndpoint());
        assertEquals(Duration.ofSeconds(60), c.clockSkew());
        assertEquals(Duration.ofSeconds(600), c.assertionMaxLifetime());
        assertEquals(Duration.ofSeconds(3600), c.tokenLifetime());
        assertEquals(c.issuer(), c.tokenAudience());
        assertEquals(Set.of("machine", "learcredential"), c.tokenScopes());
        assertTrue(c.embedVc());
        assertEquals("memory", c.replayStore());
        assertEquals(Duration.ofSeconds(300), c.trustRefresh());
        assertEquals(Duration.ofSeconds(86_400), c.trustMaxStaleness());
        assertEquals(Duration.ofSeconds(3600), c.revocationMaxStaleness());
        assertEquals(
                Set.of("LEARCredentialMachine", "learcredential.machine.w3c.3", "learcredential.machine.sd.1"),
                c.credentialTypes());
    }

    @Test
    void credentialTypesAreSpaceOrCommaSeparatedKnownIds() {
        assertEquals(
                Set.of("LEARCredentialMachine", "learcredential.machine.w3c.3"),
                of(Map.of("verifier.credential.types", "LEARCredentialMachine,learcredential.machine.w3c.3"))
                        .credentialTypes());
        assertEquals(
                Set.of("learcredential.machine.w3c.3"),
                of(Map.of("verifier.credential.types", " learcredential.machine.w3c.3 "))
                        .credentialTypes());
        for (String bad :
                new String[] {"learcredential.machine.w3c.2", "LEARCredentialEmployee", "learcredentialmachine"}) {
            ConfigurationException ex =
                    assertThrows(ConfigurationException.class, () -> of(Map.of("verifier.credential.types", bad)));
            assertTrue(ex.getMessage().contains("'verifier.credential.types'"), ex.getMessage());
        }
    }

    @Test
    void issuerLosesTrailingSlash() {
        assertEquals(
                "https://v.example",
                of(Map.of("verifier.issuer", "https://v.example/")).issuer());
    }

    @Test
    void badValuesNameTheirKey() {
        Map<String, String> bad = Map.of(
                "verifier.issuer", "ftp://x",
                "verifier.clock-skew", "soon",
                "verifier.token.lifetime", "0",
                "verifier.token.embed-vc", "yes",
                "verifier.token.resources", "not a url",
                "verifier.token.scopes", "a\"b",
                "verifier.replay.store", "disk");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            ConfigurationException ex =
                    assertThrows(ConfigurationException.class, () -> of(Map.of(e.getKey(), e.getValue())));
            assertTrue(ex.getMessage().contains("'" + e.getKey() + "'"), ex.getMessage());
        }
        ConfigurationException redis =
                assertThrows(ConfigurationException.class, () -> of(Map.of("verifier.replay.store", "redis")));
        assertTrue(redis.getMessage().contains("verifier.replay.redis.uri"));
    }

    @Test
    void tokenTypeIsAtJwtByDefaultJwtOnRequestAndNothingElse() {
        assertEquals(
                "at+jwt", of(Map.of("verifier.issuer", "https://v.example.org")).tokenTyp());
        assertEquals(
                "JWT",
                of(Map.of("verifier.issuer", "https://v.example.org", "verifier.token.typ", "JWT"))
                        .tokenTyp());
        org.junit.jupiter.api.Assertions.assertThrows(
                io.lear.verifier.config.ConfigurationException.class,
                () -> of(Map.of("verifier.issuer", "https://v.example.org", "verifier.token.typ", "jwt")));
    }

    @Test
    void developmentKeyDirectoryIsOptional() {
        assertEquals(
                Optional.empty(),
                of(Map.of("verifier.issuer", "https://v.example.org")).keysDevDir());
        assertEquals(
                Optional.of(java.nio.file.Path.of("/var/lib/lear")),
                of(Map.of("verifier.issuer", "https://v.example.org", "verifier.keys.dev-dir", "/var/lib/lear"))
                        .keysDevDir());
    }
}
