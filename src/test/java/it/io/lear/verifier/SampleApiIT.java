package it.io.lear.verifier;

import static it.io.lear.verifier.ItServer.get;
import static it.io.lear.verifier.ItServer.json;
import static it.io.lear.verifier.ItServer.scenario;
import static it.io.lear.verifier.ItServer.token;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestJwts;
import io.lear.verifier.testsupport.TestPki;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sample resource server in the WAR, secured by MicroProfile JWT against the verifier's JWKS. */
@ExtendWith(ArquillianExtension.class)
class SampleApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItServer.war();
    }

    @Test
    void whoamiAcceptsAnIssuedToken() {
        Scenario s = scenario();
        var r = get("/api/sample/whoami", token(s));
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> body = json(r);
        assertEquals(s.machine.did(), body.get("client_id"));
        assertEquals("VATES-B60645900", body.get("organization_identifier"));
        assertEquals(List.of("DOME/Onboarding/Execute"), body.get("groups"));
    }

    @Test
    void onboardingNeedsThePower() {
        assertEquals(200, get("/api/sample/onboarding", token(scenario())).statusCode());
        Scenario other = scenario();
        other.withOnlyPower("DOME", "ProductOffering", "Create");
        String token = token(other);
        assertEquals(200, get("/api/sample/whoami", token).statusCode());
        assertEquals(403, get("/api/sample/onboarding", token).statusCode());
    }

    @Test
    void refusesMissingOrForeignTokens() {
        assertEquals(401, get("/api/sample/whoami", null).statusCode());
        assertEquals(401, get("/api/sample/onboarding", null).statusCode());
        assertEquals(401, get("/api/sample/whoami", "not.a.token").statusCode());
        // Same claims, signed by a key that is not in the verifier's JWKS.
        String genuine = token(scenario());
        String[] parts = genuine.split("\\.");
        Map<String, Object> header = decode(parts[0]);
        Map<String, Object> claims = decode(parts[1]);
        String forged =
                TestJwts.sign(new LinkedHashMap<>(header), claims, TestPki.ec().getPrivate());
        assertEquals(401, get("/api/sample/whoami", forged).statusCode());
        // A token for another audience (RFC 8707 resource) is not for this API.
        Scenario s = scenario();
        var r = ItServer.postToken(ItServer.tokenForm(s.machine.did(), s.assertion()) + "&resource="
                + ItServer.enc("https://api.example.org"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(
                401,
                get("/api/sample/whoami", (String) json(r).get("access_token")).statusCode());
    }

    /**
     * Issue 20 finding 3: the sample API's MP-JWT clock skew is verifier.clock-skew (60 s here), not Liberty's
     * 5 minutes. A genuine token's claims, re-signed with the verifier's own key (the demo key set this server
     * uses) with exp moved into the past: 30 s past is within the skew, 90 s past is not. Margins of 30 s, no
     * sleeping.
     */
    @Test
    void refusesATokenPastExpiryPlusTheVerifiersClockSkew() throws Exception {
        String[] parts = token(scenario()).split("\\.");
        Map<String, Object> header = decode(parts[0]);
        Map<String, Object> claims = new LinkedHashMap<>(decode(parts[1]));
        java.security.Key key = io.lear.verifier.keys.SigningKeys.fromJson(
                        java.nio.file.Files.readString(ItServer.env().dir.resolve("keys.json")),
                        java.util.Optional.empty())
                .activePrivateKey();
        long now = java.time.Instant.now().getEpochSecond();
        claims.put("exp", now - 30);
        claims.put("iat", now - 30 - 3600);
        assertEquals(
                200,
                get("/api/sample/whoami", TestJwts.sign(new LinkedHashMap<>(header), claims, key))
                        .statusCode(),
                "30 s past exp is within the 60 s skew");
        claims.put("exp", now - 90);
        claims.put("iat", now - 90 - 3600);
        assertEquals(
                401,
                get("/api/sample/whoami", TestJwts.sign(new LinkedHashMap<>(header), claims, key))
                        .statusCode(),
                "90 s past exp is past exp + the 60 s skew (Liberty's default skew, 5 minutes, would accept it)");
    }

    private static Map<String, Object> decode(String b64) {
        try {
            return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(b64), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
