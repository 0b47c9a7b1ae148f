package io.lear.verifier.demo;

import io.lear.verifier.testsupport.DpopProofs;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestPki;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * The quickstart M2M client: creates a machine did:key, has the demo issuer seal a machine credential
 * for it, wraps it in a VP and a client assertion exactly as DOME clients do (vp_token = standard
 * Base64 of the VP JWT), gets a token and calls the sample API with it.
 *
 * <p>Usage: {@code DemoClient [verifier-url] [demo-dir] [--format legacy|w3c3|sd-jwt] [--dpop]}. {@code legacy}
 * (default): a LEARCredentialMachine sealed RS256 as the DOME issuer does. {@code w3c3}: a
 * {@code learcredential.machine.w3c.3} credential sealed ES256 as the EUDIStack issuer mints it,
 * sent as the EUDIStack Java client sends it (header {@code jwk}, {@code X-Tenant} = the first
 * power domain; profile §16.6). {@code sd-jwt}: a {@code learcredential.machine.sd.1} SD-JWT VC (ES256, {@code typ
 * dc+sd-jwt}, bare organizationIdentifier {@code iss}, mandatee, mandator and power disclosed, no KB-JWT) as one string
 * of {@code vp.verifiableCredential}, sent the same way (profile §16.3).
 * {@code --dpop}: the token request carries a DPoP proof signed with the machine's own
 * did:key (profile §17), so the token is bound to that key ({@code cnf.jkt}, {@code token_type: DPoP}); the sample API
 * is then called with {@code Authorization: DPoP} and a fresh proof per call, and once more as {@code Bearer}, as a
 * thief holding only the token would — refused with 401.
 */
public final class DemoClient {
    private DemoClient() {}

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        String format = "legacy";
        boolean dpop = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--dpop") || args[i].equals("--dpop=true")) {
                dpop = true;
            } else if (args[i].equals("--dpop=false")) {
                dpop = false;
            } else if (args[i].equals("--format") && i + 1 < args.length) {
                format = args[++i];
            } else if (args[i].startsWith("--format=")) {
                format = args[i].substring("--format=".length());
            } else {
                positional.add(args[i]);
            }
        }
        if (!format.equals("legacy") && !format.equals("w3c3") && !format.equals("sd-jwt")) {
            System.err.println("--format must be legacy, w3c3 or sd-jwt");
            System.exit(2);
        }
        boolean sdJwt = format.equals("sd-jwt");
        // Both EUDIStack formats: the EC seal, the EUDIStack client's request.
        boolean w3c3 = format.equals("w3c3") || sdJwt;
        String verifier = positional.size() > 0 ? positional.get(0) : "http://localhost:9080";
        DemoEnvironment env = new DemoEnvironment(Path.of(positional.size() > 1 ? positional.get(1) : "target/demo"));
        TestPki.Issued seal = env.load(w3c3 ? "issuer-ec" : "issuer-rsa");
        TestPki.Issued intermediate = env.load("intermediate");
        Scenario s = new Scenario(seal, List.of(seal.x5c(), intermediate.x5c()), verifier);
        if (sdJwt) {
            s.sdJwt();
        } else if (w3c3) {
            s.eudiStack();
        }
        System.out.println("format:       "
                + (sdJwt
                        ? "learcredential.machine.sd.1"
                        : w3c3 ? "learcredential.machine.w3c.3" : "LEARCredentialMachine"));
        System.out.println("machine DID:  " + s.machine.did());

        HttpClient http = HttpClient.newHttpClient();
        String form = "grant_type=client_credentials"
                + "&client_id=" + enc(s.machine.did())
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + enc(s.assertion());
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(verifier + "/oidc/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (w3c3) {
            // The EUDIStack client's tenant: the first power domain of the credential.
            post.header("X-Tenant", "DOME");
        }
        if (dpop) {
            // One extra signature with the key the assertion is already signed with (RFC 9449 §4).
            post.header("DPoP", new DpopProofs(s.machine, verifier + "/oidc/token", Instant.now()).proof());
        }
        HttpResponse<String> token = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("POST /oidc/token -> " + token.statusCode());
        Map<String, Object> body = JsonUtil.parseJson(token.body());
        if (token.statusCode() != 200) {
            System.out.println(token.body());
            System.exit(1);
        }
        String accessToken = (String) body.get("access_token");
        String claims = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        Map<String, Object> c = JsonUtil.parseJson(claims);
        System.out.println("access token: sub=" + c.get("sub") + " credential_type=" + c.get("credential_type")
                + (c.containsKey("tenant") ? " tenant=" + c.get("tenant") : "") + " groups=" + c.get("groups")
                + " scope=" + c.get("scope") + " expires_in=" + body.get("expires_in")
                + " token_type=" + body.get("token_type") + (c.containsKey("cnf") ? " cnf=" + c.get("cnf") : ""));
        for (String path : List.of("/api/sample/whoami", "/api/sample/onboarding")) {
            HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(verifier + path));
            if (dpop) {
                DpopProofs proof = new DpopProofs(s.machine, verifier + path, Instant.now());
                proof.htm = "GET";
                proof.accessToken = accessToken;
                get.header("Authorization", "DPoP " + accessToken).header("DPoP", proof.proof());
            } else {
                get.header("Authorization", "Bearer " + accessToken);
            }
            HttpResponse<String> api = http.send(get.build(), HttpResponse.BodyHandlers.ofString());
            System.out.println("GET " + path + " -> " + api.statusCode() + " " + api.body());
        }
        if (dpop) {
            HttpResponse<String> stolen = http.send(
                    HttpRequest.newBuilder(URI.create(verifier + "/api/sample/whoami"))
                            .header("Authorization", "Bearer " + accessToken)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println("GET /api/sample/whoami as Bearer (the token alone, as a thief has it) -> "
                    + stolen.statusCode() + " "
                    + stolen.headers().firstValue("WWW-Authenticate").orElse(""));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
