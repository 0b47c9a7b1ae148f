package io.lear.verifier.token;

import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.enterprise.inject.Instance;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** TokenAudit records into the MicroProfile Metrics bean where CDI has one, and into nothing where it has not. */
class TokenMetricsDiscoveryTest {
    private static final TokenMetrics FOUND = (outcome, reason, credentialType, startedNanos) -> {};

    @SuppressWarnings("unchecked")
    private static Instance<TokenMetrics> instance(boolean resolvable) {
        return (Instance<TokenMetrics>) Proxy.newProxyInstance(
                Instance.class.getClassLoader(),
                new Class<?>[] {Instance.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isResolvable" -> resolvable;
                    case "get" -> FOUND;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static TokenMetrics discovered(boolean resolvable) {
        TokenAudit audit = new TokenAudit();
        audit.available = instance(resolvable);
        audit.findMetrics();
        return audit.metrics;
    }

    @Test
    void aServerWithMicroProfileMetricsGetsThem() {
        assertSame(FOUND, discovered(true));
    }

    @Test
    void aServerWithoutThemRecordsNothing() {
        assertSame(TokenMetrics.NONE, discovered(false));
    }
}
