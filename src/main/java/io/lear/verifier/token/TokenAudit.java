package io.lear.verifier.token;

import io.lear.verifier.credential.MachineCredential;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.error.UnexpectedExceptionMapper;
import io.lear.verifier.jose.JsonText;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One structured JSON line per token decision (profile §13): outcome, reason, who and which
 * credential, request id, latency. Never the assertion, VP, VC or token.
 */
@ApplicationScoped
public class TokenAudit {
    private static final Logger LOG = Logger.getLogger("io.lear.verifier.audit");
    /** The {@code credential_type} of a decision that granted no credential. */
    static final String NO_CREDENTIAL_TYPE = "none";

    @Inject
    Instance<TokenMetrics> available;

    TokenMetrics metrics = TokenMetrics.NONE;

    @PostConstruct
    void findMetrics() {
        if (available.isResolvable()) {
            metrics = available.get();
        }
    }

    public void granted(String requestId, TokenService.Grant grant, long startedNanos) {
        MachineCredential vc = grant.client().credential();
        Map<String, Object> line = base("granted", "none", requestId, startedNanos);
        line.put("client", grant.client().clientId());
        line.put("credential_id", vc.id());
        // A constant of the fixed list of §16.1, never the credential's text.
        line.put("credential_type", vc.configurationId());
        line.put("issuer", vc.issuerId());
        line.put("organization", vc.mandator().organizationIdentifier());
        LOG.info(JsonText.write(line));
        metrics.record("granted", "none", vc.configurationId(), startedNanos);
    }

    public void refused(String requestId, OAuthException e, long startedNanos) {
        Map<String, Object> line = base("refused", e.reason().code(), requestId, startedNanos);
        line.put("status", e.status());
        if (e.clientId() != null) {
            line.put("client", e.clientId());
        }
        LOG.info(JsonText.write(line));
        metrics.record("refused", e.reason().code(), NO_CREDENTIAL_TYPE, startedNanos);
    }

    /** An unexpected failure: class and our innermost frame only, since messages can quote request content. */
    public void failed(String requestId, RuntimeException e, long startedNanos) {
        Map<String, Object> line = base("failed", Reason.SERVER_ERROR.code(), requestId, startedNanos);
        line.put("status", Reason.SERVER_ERROR.error().status());
        line.put("exception", e.getClass().getName());
        line.put("at", UnexpectedExceptionMapper.firstFrame(e));
        LOG.severe(JsonText.write(line));
        metrics.record("failed", Reason.SERVER_ERROR.code(), NO_CREDENTIAL_TYPE, startedNanos);
    }

    private static Map<String, Object> base(String outcome, String reason, String requestId, long startedNanos) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "token_decision");
        line.put("outcome", outcome);
        line.put("reason", reason);
        line.put("request_id", requestId);
        line.put("latency_ms", (System.nanoTime() - startedNanos) / 1_000_000.0);
        return line;
    }
}
