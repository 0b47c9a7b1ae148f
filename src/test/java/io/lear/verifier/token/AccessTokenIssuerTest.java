package io.lear.verifier.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lear.verifier.client.AuthenticatedClient;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** The four-argument issue: the same token as with no DPoP key, so no {@code cnf.jkt}. */
class AccessTokenIssuerTest {
    @Test
    void issueWithoutDpopKeySignsATokenWithoutCnf() throws Exception {
        TestVerifier v = TestVerifier.create();
        Scenario s = v.scenario();
        AuthenticatedClient client = v.authenticator.authenticate(s.assertion(), Optional.of(s.machine.did()));
        AccessTokenIssuer.IssuedToken t = new AccessTokenIssuer(v.config, v.keys, v.clock)
                .issue(client, List.of("machine"), "https://api.example.org", Optional.empty());
        assertEquals("machine", t.scope());
        assertEquals(3600, t.expiresIn());
        JwtClaims c = JwtClaims.parse(
                new String(Base64.getUrlDecoder().decode(t.accessToken().split("\\.")[1]), StandardCharsets.UTF_8));
        assertEquals(s.machine.did(), c.getSubject());
        assertEquals(List.of("https://api.example.org"), c.getAudience());
        assertFalse(c.hasClaim("cnf"));
    }
}
