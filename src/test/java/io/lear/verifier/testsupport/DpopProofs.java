package io.lear.verifier.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * An object mother for DPoP proofs (RFC 9449 §4.2), built independently of the code under test: preset to a valid
 * proof by {@link #signer} for {@code POST} to {@code htu}; each test changes one thing, then calls {@link #proof()}.
 */
public final class DpopProofs {
    public TestMachine signer;
    public String htm = "POST";
    public String htu;
    public Instant iat;
    public String jti = UUID.randomUUID().toString();
    /** The access token the proof is presented with (its hash becomes {@code ath}); null at the token endpoint. */
    public String accessToken;

    public Consumer<Map<String, Object>> header = h -> {};
    public Consumer<Map<String, Object>> payload = p -> {};

    public DpopProofs(TestMachine signer, String htu, Instant iat) {
        this.signer = signer;
        this.htu = htu;
        this.iat = iat;
    }

    public String proof() {
        Map<String, Object> h = TestJwts.header(signer.alg());
        h.put("typ", "dpop+jwt");
        h.put("jwk", Scenario.publicJwk(signer));
        header.accept(h);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("jti", jti);
        p.put("htm", htm);
        p.put("htu", htu);
        p.put("iat", iat.getEpochSecond());
        if (accessToken != null) {
            p.put("ath", ath(accessToken));
        }
        payload.accept(p);
        return TestJwts.sign(h, p, signer.keys().getPrivate());
    }

    /** base64url(SHA-256(ASCII(token))), computed here rather than by the code under test. */
    public static String ath(String accessToken) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256")
                            .digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
