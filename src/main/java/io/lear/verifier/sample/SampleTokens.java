package io.lear.verifier.sample;

import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.keys.SigningKeys;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

/**
 * The access token checks of the sample's MicroProfile JWT configuration, for the one request MP-JWT cannot see: a
 * token sent as {@code Authorization: DPoP} (MP-JWT reads only {@code Bearer}). The same issuer, audience, ES256 and
 * the verifier's published keys; {@code typ} {@code at+jwt} or {@code JWT} (profile §15.5).
 */
final class SampleTokens {
    private final List<JsonWebKey> keys;
    private final String issuer;
    private final String audience;
    private final int skewSeconds;
    private final Clock clock;

    SampleTokens(VerifierConfig config, SigningKeys signingKeys, Clock clock) {
        try {
            this.keys = new JsonWebKeySet(signingKeys.publicJwks()).getJsonWebKeys();
        } catch (Exception e) {
            throw new IllegalStateException("the verifier's keys are not a JWK Set", e);
        }
        this.issuer = config.issuer();
        this.audience = config.tokenAudience();
        this.skewSeconds = (int) config.clockSkew().toSeconds();
        this.clock = clock;
    }

    /** The verified claims, or {@link IllegalArgumentException} for a token this API does not accept. */
    Map<String, Object> verify(String token) {
        JwtContext context;
        try {
            context = new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys))
                    .setJwsAlgorithmConstraints(
                            AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                    .setExpectedIssuer(issuer)
                    .setExpectedAudience(audience)
                    .setRequireExpirationTime()
                    .setAllowedClockSkewInSeconds(skewSeconds)
                    .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                    .build()
                    .process(token);
        } catch (Exception e) {
            throw new IllegalArgumentException("access token rejected");
        }
        Object typ = context.getJoseObjects().get(0).getHeaders().getObjectHeaderValue("typ");
        if (!"at+jwt".equals(typ) && !"JWT".equals(typ)) {
            throw new IllegalArgumentException("not an access token");
        }
        return context.getJwtClaims().getClaimsMap();
    }
}
