package it.io.lear.verifier;

import static io.lear.verifier.testsupport.PayloadPaths.mandator;
import static it.io.lear.verifier.ItServer.get;
import static it.io.lear.verifier.ItServer.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.testsupport.Scenario;
import it.io.lear.verifier.extension.FailLikeABugDecorator;
import it.io.lear.verifier.extension.RefuseMandatorDecorator;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The validators of the token path are CDI beans: decorators packaged with the WAR (an operator's overlay) run on
 * every token request — one adds a policy, one fails like a bug, which shows the endpoint's unexpected-failure path:
 * audited, counted, a bare 500 without internals.
 */
@ExtendWith(ArquillianExtension.class)
class ExtendingTheChecksIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItServer.war().addClasses(RefuseMandatorDecorator.class, FailLikeABugDecorator.class);
    }

    private static Scenario withMandator(String organizationIdentifier) {
        Scenario s = scenario();
        s.vcPayload = p -> mandator(p).put("organizationIdentifier", organizationIdentifier);
        return s;
    }

    private static HttpResponse<String> post(Scenario s, String requestId) {
        return ObservabilityIT.postWithRequestId(s, requestId);
    }

    @Test
    void decoratedChecksStillGrantAnyOtherMandator() {
        var r = post(scenario(), "ext-ok-" + UUID.randomUUID());
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void theOperatorsDecoratorRefusesItsMandatorWithAProfileReason() throws Exception {
        String id = "ext-refused-" + UUID.randomUUID();
        var r = post(withMandator(RefuseMandatorDecorator.REFUSED_MANDATOR), id);
        assertEquals(401, r.statusCode(), r.body());
        Map<String, Object> body = ItServer.json(r);
        assertEquals("invalid_client", body.get("error"));
        assertEquals("vc_mandator_untrusted", body.get("reason"));
        assertEquals("this deployment does not serve the mandator", body.get("error_description"));
        Map<String, Object> line = ObservabilityIT.auditLine(id);
        assertEquals("refused", line.get("outcome"));
        assertEquals("vc_mandator_untrusted", line.get("reason"));
    }

    @Test
    void aFailingCheckIsAnAuditedCountedServerErrorWithoutInternals() throws Exception {
        String id = "ext-failed-" + UUID.randomUUID();
        var r = post(withMandator(FailLikeABugDecorator.FAILING_MANDATOR), id);
        assertEquals(500, r.statusCode(), r.body());
        Map<String, Object> body = ItServer.json(r);
        assertEquals(
                Map.of(
                        "error", "server_error",
                        "error_description", "internal server error",
                        "reason", "server_error"),
                body);
        assertFalse(r.body().contains("bug-internal-detail"), r.body());
        assertFalse(r.body().contains("IllegalStateException"), r.body());
        assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
        assertEquals("no-cache", r.headers().firstValue("Pragma").orElse(""));
        assertEquals(id, r.headers().firstValue("X-Request-Id").orElse(""));

        Map<String, Object> line = ObservabilityIT.auditLine(id);
        assertEquals("failed", line.get("outcome"));
        assertEquals("server_error", line.get("reason"));
        assertEquals(500, ((Number) line.get("status")).intValue());
        assertEquals("java.lang.IllegalStateException", line.get("exception"));
        // Our innermost frame: where the token path called the failing check, not a CDI proxy's.
        assertTrue(
                String.valueOf(line.get("at")).startsWith("io.lear.verifier.client.ClientAuthenticator.authenticate("),
                String.valueOf(line.get("at")));

        String metrics = get("/metrics", null).body();
        assertTrue(
                metrics.lines()
                        .anyMatch(l -> l.startsWith("token_requests_total{")
                                && l.contains("outcome=\"failed\"")
                                && l.contains("reason=\"server_error\"")
                                && !l.endsWith(" 0.0")),
                "failed decisions counted");
    }
}
