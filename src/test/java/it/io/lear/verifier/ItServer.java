package it.io.lear.verifier;

import io.lear.verifier.demo.DemoEnvironment;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestPki;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.json.JsonUtil;

/**
 * The server under test: the packaged WAR on the Arquillian-managed Liberty (127.0.0.1 only),
 * configured by arquillian.xml to trust the generated demo PKI, plus HTTP helpers.
 */
public final class ItServer {
    public static final String BASE = "http://localhost:" + System.getProperty("it.http.port", "9180");
    public static final String TOKEN = BASE + "/oidc/token";
    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static DemoEnvironment env;

    private ItServer() {}

    public static WebArchive war() {
        return ShrinkWrap.create(ZipImporter.class, "lear-verifier.war")
                .importFrom(new File(System.getProperty("it.war", "target/lear-verifier.war")))
                .as(WebArchive.class);
    }

    public static synchronized DemoEnvironment env() {
        if (env == null) {
            env = new DemoEnvironment(Path.of(System.getProperty("it.env.dir", "target/demo")));
        }
        return env;
    }

    public static TestPki.Issued load(String name) {
        try {
            return env().load(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid request scenario issued by the demo RSA seal (leaf + issuing CA in x5c). */
    public static Scenario scenario() {
        TestPki.Issued seal = load("issuer-rsa");
        return new Scenario(seal, List.of(seal.x5c(), load("intermediate").x5c()), BASE);
    }

    public static Scenario ecScenario() {
        TestPki.Issued seal = load("issuer-ec");
        Scenario s = new Scenario(seal, List.of(seal.x5c(), load("intermediate").x5c()), BASE);
        s.vcAlg = "ES256";
        return s;
    }

    /**
     * A valid {@code learcredential.machine.w3c.3} scenario as the EUDIStack issuer (demo EC seal, ES256, x5c
     * without the root) and Java client (profile §16.6) build it.
     */
    public static Scenario w3c3Scenario() {
        TestPki.Issued seal = load("issuer-ec");
        return new Scenario(seal, List.of(seal.x5c(), load("intermediate").x5c()), BASE).eudiStack();
    }

    /** A valid {@code learcredential.machine.sd.1} SD-JWT VC scenario, sealed and sent as the EUDIStack stack does. */
    public static Scenario sd1Scenario() {
        TestPki.Issued seal = load("issuer-ec");
        return new Scenario(seal, List.of(seal.x5c(), load("intermediate").x5c()), BASE).sdJwt();
    }

    /** POST /oidc/token with extra headers, name and value in turn (a name may repeat). */
    public static HttpResponse<String> postToken(String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(TOKEN))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    public static String form(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(enc(e.getKey())).append('=').append(enc(e.getValue()));
        }
        return sb.toString();
    }

    public static String tokenForm(String clientId, String assertion) {
        return form(Map.of(
                "grant_type",
                "client_credentials",
                "client_id",
                clientId,
                "client_assertion_type",
                JWT_BEARER,
                "client_assertion",
                assertion));
    }

    public static HttpResponse<String> postToken(String body) {
        return post(TOKEN, "application/x-www-form-urlencoded", body, null);
    }

    public static HttpResponse<String> post(String url, String contentType, String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build());
    }

    public static HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> json(HttpResponse<String> r) {
        try {
            return JsonUtil.parseJson(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Obtains a token for the scenario, failing the test when refused. */
    public static String token(Scenario s) {
        HttpResponse<String> r = postToken(tokenForm(s.machine.did(), s.assertion()));
        if (r.statusCode() != 200) {
            throw new AssertionError("token refused: " + r.body());
        }
        return (String) json(r).get("access_token");
    }
}
