package io.lear.verifier.token;

/**
 * Where token decisions are counted: {@link MicroProfileTokenMetrics} when the server has MicroProfile Metrics
 * (Open Liberty, Payara), nothing otherwise (WildFly ships none), so the verifier runs on every server and the audit
 * line stays the record of each decision.
 */
public interface TokenMetrics {
    TokenMetrics NONE = (outcome, reason, credentialType, startedNanos) -> {};

    /**
     * @param credentialType the granted credential's configuration id (profile §16.5, a constant of the fixed list),
     *     {@code none} for a refusal
     */
    void record(String outcome, String reason, String credentialType, long startedNanos);
}
