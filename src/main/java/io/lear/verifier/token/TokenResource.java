package io.lear.verifier.token;

import io.lear.verifier.config.VerifierConfig;
import io.lear.verifier.error.ErrorResponses;
import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import io.lear.verifier.http.RequestIdFilter;
import io.lear.verifier.jose.JsonText;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * {@code POST /oidc/token}: the client_credentials grant with a VP-carrying client assertion (profile §3). A JAX-RS
 * resource with the grant injected, whose checks are CDI beans; refusals are thrown to the one error mapping every
 * resource uses ({@code OAuthExceptionMapper}), after the audit line. Other methods get the JSON 405 of every
 * resource. One instance serves every request.
 */
@ApplicationScoped
@Path(VerifierConfig.TOKEN_PATH)
public class TokenResource {
    /** Time left to decide once the whole body is in: far above any decision (fetches time out after seconds). */
    private static final long DECISION_SECONDS = 120;

    private final TokenService tokens;
    private final TokenAudit audit;
    private final long bodyTimeoutMillis;
    private final Function<Answer, Object> render;
    private final Deadlines deadlines;

    /** Runs {@code expire} after {@code millis} unless the returned action, cancelling it, runs first. */
    interface Deadlines {
        Runnable schedule(long millis, Runnable expire);
    }

    @Inject
    public TokenResource(TokenService tokens, TokenAudit audit, VerifierConfig config) {
        this(tokens, audit, config, TokenResource::response, new BodyDeadlines());
    }

    /** With the answers rendered and the deadlines kept otherwise (tests see both). */
    TokenResource(
            TokenService tokens,
            TokenAudit audit,
            VerifierConfig config,
            Function<Answer, Object> render,
            Deadlines deadlines) {
        this.tokens = tokens;
        this.audit = audit;
        this.bodyTimeoutMillis = config.tokenBodyTimeout().toMillis();
        this.render = render;
        this.deadlines = deadlines;
    }

    @PreDestroy
    void stopDeadlines() {
        if (deadlines instanceof BodyDeadlines owned) {
            owned.close();
        }
    }

    /**
     * For the CDI client proxy only (it never answers a request itself). Public because RESTEasy (WildFly) refuses
     * a resource class without a public constructor it could call (RESTEASY003190), even when CDI creates the
     * instance through the injecting constructor.
     */
    public TokenResource() {
        tokens = null;
        audit = null;
        bodyTimeoutMillis = 0;
        render = null;
        deadlines = null;
    }

    /** One request's answer: the token response's JSON or the refusal, and whether its connection is closed. */
    record Answer(String json, OAuthException refusal, boolean close) {
        Answer closing() {
            return new Answer(json, refusal, true);
        }
    }

    /**
     * Answered asynchronously so that a body still on its way holds no request thread (a stranger trickling bytes
     * would otherwise keep one per connection for as long as it likes, every byte resetting the read timeout): a
     * body that is all there, as nearly every client's is, is read and decided at once; any other is collected by
     * non-blocking reads against {@code verifier.token.body-timeout} and decided when complete — or refused when
     * late, broken or oversized, with {@code Connection: close}.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public void token(
            @Context HttpHeaders headers,
            @Context HttpServletRequest http,
            InputStream entity,
            @Suspended AsyncResponse answer) {
        String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        boolean hasAuthorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        List<String> tenants =
                Optional.ofNullable(headers.getRequestHeader("X-Tenant")).orElse(List.of());
        List<String> dpop =
                Optional.ofNullable(headers.getRequestHeader("DPoP")).orElse(List.of());
        String requestId = (String) http.getAttribute(RequestIdFilter.ATTRIBUTE);
        Function<InputStream, Answer> decideOn = body -> {
            try {
                return new Answer(decide(contentType, hasAuthorization, tenants, dpop, body, requestId), null, false);
            } catch (OAuthException e) {
                return new Answer(null, e, false);
            }
        };
        try {
            long declared = http.getContentLengthLong();
            if (declared > TokenRequest.MAX_BODY_BYTES) {
                answer.resume(render.apply(decideOn.apply(refusing(Reason.REQUEST_TOO_LARGE, tooLarge()))
                        .closing()));
            } else if (!(entity instanceof ServletInputStream in)) {
                // The JAX-RS runtime read into the body itself (Jersey, on Payara, peeks a byte when none has
                // arrived yet): only its stream has the whole body, read as it comes (README, Deploying).
                answer.resume(render.apply(decideOn.apply(entity)));
            } else if (declared >= 0 && in.available() >= declared) {
                answer.resume(render.apply(decideOn.apply(in)));
            } else {
                collect(in, answer, decideOn, http.getAsyncContext()::start);
            }
        } catch (IOException e) {
            answer.resume(render.apply(decideOn.apply(refusing(Reason.MALFORMED_REQUEST, UNREADABLE))
                    .closing()));
        }
    }

    /**
     * Collects the body against its deadline, then decides and answers on a container thread of the request's
     * asynchronous context: Liberty's read callbacks run where a response cannot be written (RESTEasy's resume
     * there failed with a NullPointerException inside the web container under concurrent requests). The
     * response's own timeout, set now while the Servlet specification still allows it, only bounds the whole.
     */
    private void collect(
            ServletInputStream in, AsyncResponse answer, Function<InputStream, Answer> decideOn, Executor container) {
        AtomicReference<Runnable> cancelDeadline = new AtomicReference<>(() -> {});
        BodyCollector collector = new BodyCollector(
                in,
                TokenRequest.MAX_BODY_BYTES,
                body -> {
                    cancelDeadline.get().run();
                    container.execute(() -> {
                        Answer a = decideOn.apply(new ByteArrayInputStream(body));
                        answer.resume(render.apply(body.length > TokenRequest.MAX_BODY_BYTES ? a.closing() : a));
                    });
                },
                failure -> container.execute(() -> answer.resume(render.apply(decideOn.apply(
                                failure instanceof BodyCollector.BodyTimeout
                                        ? refusing(Reason.MALFORMED_REQUEST, notInTime())
                                        : refusing(Reason.MALFORMED_REQUEST, UNREADABLE))
                        .closing()))));
        answer.setTimeout(bodyTimeoutMillis + TimeUnit.SECONDS.toMillis(DECISION_SECONDS), TimeUnit.MILLISECONDS);
        cancelDeadline.set(deadlines.schedule(bodyTimeoutMillis, collector::expire));
        in.setReadListener(collector);
    }

    private static final String UNREADABLE = "request body could not be read";

    private String notInTime() {
        return "request body did not arrive within " + bodyTimeoutMillis / 1000 + " s";
    }

    private static String tooLarge() {
        return "request body exceeds " + TokenRequest.MAX_BODY_BYTES + " bytes";
    }

    /** The JAX-RS response: refusals as every resource maps them; a closing answer says so to the container. */
    private static Object response(Answer a) {
        Response r = a.refusal() != null
                ? ErrorResponses.toResponse(a.refusal())
                : ErrorResponses.noStoreJson(200, a.json()).build();
        return a.close()
                ? Response.fromResponse(r).header("Connection", "close").build()
                : r;
    }

    /** A body that cannot be had: reading it refuses the request (inside the decision, so it is audited). */
    private static InputStream refusing(Reason reason, String description) {
        return new InputStream() {
            @Override
            public int read() {
                throw OAuthException.of(reason, description);
            }

            @Override
            public int read(byte[] b, int off, int len) {
                throw OAuthException.of(reason, description);
            }
        };
    }

    /**
     * The decision on one request, audited and counted whatever it is: the token response's JSON, or an
     * {@link OAuthException} — a refusal, or {@code server_error} for a bug, without internals.
     *
     * @param dpop the request's {@code DPoP} header values (profile §17)
     */
    String decide(
            String contentType,
            boolean hasAuthorization,
            List<String> tenants,
            List<String> dpop,
            InputStream body,
            String requestId) {
        long started = System.nanoTime();
        try {
            TokenService.Grant grant =
                    tokens.grant(TokenRequest.from(contentType, readBounded(body), hasAuthorization, tenants, dpop));
            audit.granted(requestId, grant, started);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("access_token", grant.token().accessToken());
            json.put("token_type", grant.tokenType());
            json.put("expires_in", grant.token().expiresIn());
            json.put("scope", grant.token().scope());
            return JsonText.write(json);
        } catch (OAuthException e) {
            audit.refused(requestId, e, started);
            throw e;
        } catch (RuntimeException e) {
            // A bug, not a refusal: audited and counted like any decision, answered without internals.
            audit.failed(requestId, e, started);
            throw OAuthException.of(Reason.SERVER_ERROR, "internal server error");
        }
    }

    static byte[] readBounded(InputStream in) {
        try {
            byte[] data = in.readNBytes(TokenRequest.MAX_BODY_BYTES + 1);
            if (data.length > TokenRequest.MAX_BODY_BYTES) {
                throw OAuthException.of(Reason.REQUEST_TOO_LARGE, tooLarge());
            }
            return data;
        } catch (IOException e) {
            throw OAuthException.of(Reason.MALFORMED_REQUEST, UNREADABLE);
        }
    }
}
