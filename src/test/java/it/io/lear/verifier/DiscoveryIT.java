package it.io.lear.verifier;

import static it.io.lear.verifier.ItServer.get;
import static it.io.lear.verifier.ItServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Metadata, JWKS, the did:key resolver and health, as a client or operator sees them. */
@ExtendWith(ArquillianExtension.class)
class DiscoveryIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItServer.war();
    }

    @Test
    void metadataAtBothPathsFromTheConfiguredIssuer() {
        for (String path : List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration")) {
            // A lying Host header must not change any URL (profile §9).
            var r = ItServer.send(HttpRequest.newBuilder(URI.create(ItServer.BASE + path))
                    .header("X-Forwarded-Host", "evil.example")
                    .build());
            assertEquals(200, r.statusCode());
            Map<String, Object> m = json(r);
            assertEquals(ItServer.BASE, m.get("issuer"));
            assertEquals(ItServer.BASE + "/oidc/token", m.get("token_endpoint"));
            assertEquals(ItServer.BASE + "/oidc/jwks", m.get("jwks_uri"));
            assertEquals(List.of("client_credentials"), m.get("grant_types_supported"));
            assertEquals(List.of("private_key_jwt"), m.get("token_endpoint_auth_methods_supported"));
            assertEquals(List.of(), m.get("response_types_supported"));
            assertTrue(((List<?>) m.get("token_endpoint_auth_signing_alg_values_supported")).contains("ES256"));
        }
    }

    @Test
    void jwksMayBeCachedByAnyCacheForFiveMinutes() {
        var r = get("/oidc/jwks", null);
        List<String> directives = java.util.Arrays.stream(
                        r.headers().firstValue("Cache-Control").orElse("").split(","))
                .map(String::trim)
                .toList();
        assertTrue(directives.contains("public"), directives.toString());
        assertTrue(directives.contains("max-age=300"), directives.toString());
        assertFalse(directives.contains("no-store") || directives.contains("private"), directives.toString());
    }

    @Test
    void jwksHasPublicKeysOnly() {
        var r = get("/oidc/jwks", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/jwk-set+json"));
        List<?> keys = (List<?>) json(r).get("keys");
        assertFalse(keys.isEmpty());
        for (Object k : keys) {
            Map<?, ?> key = (Map<?, ?>) k;
            assertEquals("sig", key.get("use"));
            assertEquals("ES256", key.get("alg"));
            assertTrue(key.containsKey("kid"));
            for (String secret : List.of("d", "p", "q", "dp", "dq", "qi", "k")) {
                assertFalse(key.containsKey(secret), secret);
            }
        }
    }

    @Test
    void didResolverServesTheDidKeyAsJwks() {
        String did = "did:key:zDnaeV2n9nK8Uabvcgaa9XdJkdbqUahLLpbt4WqS83F8pPCv7";
        var r = get("/oidc/did/" + did, null);
        assertEquals(200, r.statusCode());
        Map<?, ?> key = (Map<?, ?>) ((List<?>) json(r).get("keys")).get(0);
        assertEquals(did, key.get("kid"));
        assertEquals("P-256", key.get("crv"));
        var bad = get("/oidc/did/did:web:example.org", null);
        assertEquals(404, bad.statusCode());
        assertEquals("not_found", json(bad).get("reason"));
    }

    @Test
    void didJwksCarriesExactlyThePublicMembersOfTheMachineKey() throws Exception {
        io.lear.verifier.testsupport.TestMachine machine = io.lear.verifier.testsupport.TestMachine.p256();
        Map<String, Object> expected = org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(
                        machine.keys().getPublic())
                .toParams(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        var r = get("/oidc/did/" + machine.did(), null);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/jwk-set+json"));
        List<?> keys = (List<?>) json(r).get("keys");
        assertEquals(1, keys.size());
        Map<String, Object> want = new java.util.HashMap<>(expected);
        want.put("kid", machine.did());
        want.put("use", "sig");
        want.put("alg", "ES256");
        assertEquals(want, keys.get(0));
    }

    @Test
    void healthIsUp() {
        for (String path : List.of("/health/ready", "/health/live", "/health/started")) {
            var r = get(path, null);
            assertEquals(200, r.statusCode(), path + " " + r.body());
            assertEquals("UP", json(r).get("status"));
        }
    }
}
