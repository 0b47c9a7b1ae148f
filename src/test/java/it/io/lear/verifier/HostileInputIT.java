package it.io.lear.verifier;

import static io.lear.verifier.testsupport.PayloadPaths.*;
import static it.io.lear.verifier.ItServer.JWT_BEARER;
import static it.io.lear.verifier.ItServer.form;
import static it.io.lear.verifier.ItServer.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.testsupport.ProfileReasons;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestJwts;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Thousands of generated hostile requests (seeded, so reproducible): garbage and truncated bodies,
 * mutated assertion/VP/VC strings (legacy and learcredential.machine.w3c.3 credentials), every checked claim replaced by every wrong JSON type, deep JSON,
 * huge arrays, oversized parts. None may get a token, none may cause a 5xx, and every answer must be
 * a JSON error with one of the profile's reasons.
 */
@ExtendWith(ArquillianExtension.class)
@SuppressWarnings("unchecked")
class HostileInputIT {
    private static final List<Object> WRONG_TYPES = List.of(
            "text",
            1,
            1.5,
            true,
            List.of(),
            Map.of(),
            List.of(1, 2),
            Map.of("a", Map.of("b", 1)),
            deep(40),
            "x".repeat(40_000));
    private final Random random = new Random(20261126L);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItServer.war();
    }

    @Test
    void noHostileRequestGetsATokenOrA5xx() throws Exception {
        List<String> bodies = new ArrayList<>();
        claimMutations(bodies);
        int structural = bodies.size();
        while (bodies.size() < structural + 1800) {
            bodies.add(stringMutation());
        }
        for (int i = 0; i < 300; i++) {
            bodies.add(sdJwtMutation());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Map<String, AtomicInteger> byReason = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> futures = new ArrayList<>();
        for (String labelled : bodies) {
            int cut = labelled.indexOf(LABEL_END);
            String what = cut < 0 ? "random" : labelled.substring(0, cut);
            String body = cut < 0 ? labelled : labelled.substring(cut + 1);
            futures.add(pool.submit(() -> {
                HttpResponse<String> r = ItServer.send(HttpRequest.newBuilder(URI.create(ItServer.TOKEN))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
                String problem = check(r);
                if (problem != null) {
                    failures.add(problem + " <- " + what + granted(r, body));
                } else {
                    byReason.computeIfAbsent(reason(r), k -> new AtomicInteger())
                            .incrementAndGet();
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        System.out.println("hostile requests: " + bodies.size() + ", reasons: " + new java.util.TreeMap<>(byReason));
        assertTrue(bodies.size() >= 2000, "at least 2000 requests");
        assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())), failures.size() + " failures");
    }

    /**
     * Profile §17: mutated {@code DPoP} headers with an otherwise valid request — truncations, flipped and spliced
     * characters, wrong {@code typ}/{@code alg}/{@code jwk}/claims of every JSON type, two headers. None gets a token
     * or a 5xx; every answer is {@code invalid_dpop_proof} with one of its reasons. (Whitespace is left out: a header
     * value's surrounding whitespace is not part of it.)
     */
    @Test
    void mutatedDpopHeadersGetNoTokenAndADpopReason() throws Exception {
        Random r = new Random(20261203L);
        List<String> failures = new ArrayList<>();
        Map<String, AtomicInteger> byReason = new java.util.TreeMap<>();
        for (int i = 0; i < 240; i++) {
            Scenario s = scenario();
            io.lear.verifier.testsupport.DpopProofs p =
                    new io.lear.verifier.testsupport.DpopProofs(s.machine, ItServer.TOKEN, java.time.Instant.now());
            List<String> headers = new ArrayList<>();
            String what;
            switch (i % 6) {
                case 0 -> {
                    String name = List.of("typ", "alg", "jwk").get(r.nextInt(3));
                    Object value = dpopWrongType(r, 0);
                    p.header = h -> h.put(name, value);
                    what = "header " + name;
                    headers.add(p.proof());
                }
                case 1 -> {
                    String name = List.of("jti", "htm", "htu", "iat").get(r.nextInt(4));
                    // not "text": that is a valid jti
                    Object value = dpopWrongType(r, 1);
                    p.payload = c -> c.put(name, value);
                    what = "claim " + name;
                    headers.add(p.proof());
                }
                case 2 -> {
                    String proof = p.proof();
                    what = "truncated";
                    headers.add(proof.substring(0, 1 + r.nextInt(proof.length() - 1)));
                }
                case 3 -> {
                    char[] c = p.proof().toCharArray();
                    int at = r.nextInt(c.length);
                    char was = c[at];
                    c[at] = "AZaz09-_.~!".replace(String.valueOf(was), "").charAt(r.nextInt(10));
                    what = "flipped at " + at;
                    headers.add(new String(c));
                }
                case 4 -> {
                    p.header = h -> {
                        Map<String, Object> jwk = new LinkedHashMap<>((Map<String, Object>) h.get("jwk"));
                        jwk.put("d", "AAAA");
                        h.put("jwk", jwk);
                    };
                    what = "private jwk";
                    headers.add(p.proof());
                }
                default -> {
                    what = "two headers";
                    headers.add(p.proof());
                    headers.add(new io.lear.verifier.testsupport.DpopProofs(
                                    s.machine, ItServer.TOKEN, java.time.Instant.now())
                            .proof());
                }
            }
            List<String> args = new ArrayList<>();
            for (String h : headers) {
                args.add("DPoP");
                args.add(h);
            }
            HttpResponse<String> res =
                    ItServer.postToken(ItServer.tokenForm(s.machine.did(), s.assertion()), args.toArray(new String[0]));
            String problem = check(res);
            String reason = reason(res);
            if (problem == null && !String.valueOf(reason).startsWith("dpop_")) {
                problem = "not a DPoP reason: " + res.body();
            }
            if (problem != null) {
                failures.add(problem + " <- " + what);
            } else {
                byReason.computeIfAbsent(reason, k -> new AtomicInteger()).incrementAndGet();
            }
        }
        System.out.println("hostile DPoP headers: reasons " + byReason);
        assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())), failures.size() + " failures");
    }

    /**
     * The wrong types, but 9,000 characters instead of 40,000: a 40 KB header value is refused by Liberty's HTTP
     * channel (its 32 KiB field limit, a bare 400) before the application sees it; 9,000 is over the proof's 8 KiB.
     */
    private static Object dpopWrongType(Random r, int from) {
        int i = from + r.nextInt(WRONG_TYPES.size() - from);
        return i == WRONG_TYPES.size() - 1 ? "x".repeat(9_000) : WRONG_TYPES.get(i);
    }

    private static String check(HttpResponse<String> r) {
        if (r.statusCode() == 200) {
            // An empty 200 is no grant but an answer that was never written (README, the collected-body bug).
            return r.body().isBlank() ? "EMPTY 200 (no decision written)" : "TOKEN ISSUED";
        }
        if (r.statusCode() >= 500) {
            return "status " + r.statusCode() + " " + r.body();
        }
        try {
            Map<String, Object> json = JsonUtil.parseJson(r.body());
            Object reason = json.get("reason");
            if (!(reason instanceof String code)
                    || !ProfileReasons.ERROR_OF.containsKey(code)
                    || !ProfileReasons.ERROR_OF.get(code).equals(json.get("error"))) {
                return "not a profile error: " + r.body();
            }
            // Issue 20: at most 256 characters of RFC 6749's printable ASCII, whatever the request held.
            if (!(json.get("error_description") instanceof String d)
                    || d.length() > 256
                    || !d.chars().allMatch(c -> c >= 0x20 && c <= 0x7E && c != '"' && c != '\\')) {
                return "unbounded or unprintable error_description: " + r.body();
            }
        } catch (Exception e) {
            return "not JSON (" + r.statusCode() + "): " + r.body();
        }
        return null;
    }

    /** For a token that should not exist: whom it was issued to and who asked, to tell a wrong grant from a mix-up. */
    private static String granted(HttpResponse<String> r, String body) {
        if (r.statusCode() != 200 || r.body().isBlank()) {
            return "";
        }
        try {
            String token = (String) JsonUtil.parseJson(r.body()).get("access_token");
            String claims = new String(
                    java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                    java.nio.charset.StandardCharsets.UTF_8);
            String assertion = java.net.URLDecoder.decode(
                    body.replaceAll(".*client_assertion=([^&]*).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
            String asserted = new String(
                    java.util.Base64.getUrlDecoder().decode(assertion.split("\\.")[1]),
                    java.nio.charset.StandardCharsets.UTF_8);
            return " (token sub " + JsonUtil.parseJson(claims).get("sub") + ", request iss "
                    + JsonUtil.parseJson(asserted).get("iss") + ", response headers "
                    + r.headers().map() + ")";
        } catch (Exception e) {
            return " (" + e + ")";
        }
    }

    private static String reason(HttpResponse<String> r) {
        try {
            return (String) JsonUtil.parseJson(r.body()).get("reason");
        } catch (Exception e) {
            return "?";
        }
    }

    /** What the next generated body mutates, for failure messages. */
    private String label = "";

    private String body(String assertion) {
        return label + LABEL_END + bodyOnly(assertion);
    }

    private static final char LABEL_END = '\u0001';

    private static String bodyOnly(String assertion) {
        return form(Map.of(
                "grant_type",
                "client_credentials",
                "client_assertion_type",
                JWT_BEARER,
                "client_assertion",
                assertion));
    }

    /** JSON kinds a field may legitimately hold; every other kind in {@link #WRONG_TYPES} must be refused. */
    private static final String S = "string";

    private static final String N = "number";
    private static final String O = "object";
    private static final String A = "array";

    private static String kind(Object v) {
        if (v instanceof String str) {
            return str.length() > 1000 ? "oversize" : S;
        }
        return v instanceof Number ? N : v instanceof Boolean ? "boolean" : v instanceof List ? A : O;
    }

    private void each(
            List<String> bodies,
            String field,
            Set<String> accepted,
            java.util.function.Function<Object, String> build) {
        for (Object v : WRONG_TYPES) {
            if (!accepted.contains(kind(v))) {
                label = field + "=" + kind(v);
                bodies.add(build.apply(v));
            }
        }
    }

    /** Every checked claim of assertion, VP and VC replaced by every wrong type, each in a signed request. */
    private void claimMutations(List<String> bodies) {
        Map<String, Set<String>> assertionClaims = Map.of(
                "iss",
                Set.of(S),
                "sub",
                Set.of(S),
                "aud",
                Set.of(S),
                "exp",
                Set.of(N),
                "iat",
                Set.of(N),
                "jti",
                Set.of(S),
                "vp_token",
                Set.of(S));
        assertionClaims.forEach((claim, ok) -> each(bodies, "assertion." + claim, ok, v -> {
            Scenario s = scenario();
            s.assertionPayload = p -> p.put(claim, v);
            return body(s.assertion());
        }));
        Map<String, Set<String>> vpClaims = Map.of(
                "iss", Set.of(S), "aud", Set.of(S), "exp", Set.of(N), "nbf", Set.of(N), "iat", Set.of(N), "vp",
                Set.of(O));
        vpClaims.forEach((claim, ok) -> each(bodies, "vp." + claim, ok, v -> {
            Scenario s = scenario();
            s.vpPayload = p -> p.put(claim, v);
            return body(s.assertion());
        }));
        Map<String, Set<String>> vpMembers =
                Map.of("type", Set.of(S), "holder", Set.of(S), "verifiableCredential", Set.of());
        vpMembers.forEach((member, ok) -> each(bodies, "vp.vp." + member, ok, v -> {
            Scenario s = scenario();
            s.vpPayload = p -> vp(p).put(member, v);
            return body(s.assertion());
        }));
        Map<String, Map.Entry<Consumer<Map<String, Object>>, Set<String>>> vcTargets = new LinkedHashMap<>();
        Map.of(
                        "iss", Set.of(S), "sub", Set.of(S), "nbf", Set.of(N), "exp", Set.of(N), "vc", Set.of(O), "cnf",
                        Set.of(O))
                .forEach((claim, ok) -> vcTargets.put("vc-jwt." + claim, Map.entry(p -> p.put(claim, MARK), ok)));
        Map.of(
                        "type",
                        Set.of(S),
                        "issuer",
                        Set.of(S),
                        "id",
                        Set.of(S),
                        "validFrom",
                        Set.<String>of(),
                        "validUntil",
                        Set.<String>of(),
                        "credentialSubject",
                        Set.of(O),
                        "credentialStatus",
                        Set.of(A))
                .forEach((member, ok) -> vcTargets.put("vc." + member, Map.entry(p -> vc(p).put(member, MARK), ok)));
        Map.of("id", Set.of(S), "mandate", Set.of(O))
                .forEach((member, ok) -> vcTargets.put(
                        "subject." + member, Map.entry(p -> subject(p).put(member, MARK), ok)));
        Map.of("mandatee", Set.of(O), "mandator", Set.of(O), "power", Set.of(A))
                .forEach((member, ok) -> vcTargets.put(
                        "mandate." + member, Map.entry(p -> mandate(p).put(member, MARK), ok)));
        for (String member : List.of("id", "domain", "ipAddress")) {
            vcTargets.put(
                    "mandatee." + member,
                    Map.entry(p -> ((Map<String, Object>) mandate(p).get("mandatee")).put(member, MARK), Set.of(S)));
        }
        for (String member : List.of("organizationIdentifier", "organization", "email", "country")) {
            vcTargets.put(
                    "mandator." + member,
                    Map.entry(p -> ((Map<String, Object>) mandate(p).get("mandator")).put(member, MARK), Set.of(S)));
        }
        for (String member : List.of("domain", "function", "action")) {
            vcTargets.put(
                    "power." + member,
                    Map.entry(
                            p -> ((Map<String, Object>)
                                            ((List<Object>) mandate(p).get("power")).get(0))
                                    .put(member, MARK),
                            Set.of(S)));
        }
        vcTargets.forEach((field, target) -> each(bodies, field, target.getValue(), v -> {
            Scenario s = scenario();
            s.vcPayload = p -> {
                target.getKey().accept(p);
                replaceMark(p, v);
            };
            return body(s.assertion());
        }));
        // The same members of a learcredential.machine.w3c.3 credential (the payload is the credential), and its cnf.
        Map<String, Map.Entry<Consumer<Map<String, Object>>, Set<String>>> w3c3Targets = new LinkedHashMap<>(vcTargets);
        w3c3Targets.remove("vc-jwt.vc");
        w3c3Targets.put("cnf.jwk", Map.entry(p -> ((Map<String, Object>) p.get("cnf")).put("jwk", MARK), Set.of(O)));
        w3c3Targets.put("cnf.kid", Map.entry(p -> ((Map<String, Object>) p.get("cnf")).put("kid", MARK), Set.of()));
        w3c3Targets.put(
                "issuer.organizationIdentifier",
                Map.entry(p -> ((Map<String, Object>) p.get("issuer")).put("organizationIdentifier", MARK), Set.of()));
        w3c3Targets.forEach((field, target) -> each(bodies, "w3c3." + field, target.getValue(), v -> {
            Scenario s = ItServer.w3c3Scenario();
            s.vcPayload = p -> {
                target.getKey().accept(p);
                replaceMark(p, v);
            };
            return body(s.assertion());
        }));
        Map.of("alg", Set.<String>of(), "x5c", Set.<String>of(), "crit", Set.of(A))
                .forEach((header, ok) -> each(bodies, "vc-header." + header, ok, v -> {
                    Scenario s = scenario();
                    s.vcHeader = h -> h.put(header, v);
                    return body(s.assertion());
                }));
        label = "reflected names";
        // Issue 20: a duplicated header member whose name carries ESC, CR/LF, quotes and 2,000 characters.
        String hostileName = "\\u001b[31m\\r\\n\\\"x\\\"" + "A".repeat(2000);
        bodies.add(body(TestJwts.b64("{\"alg\":\"ES256\",\"" + hostileName + "\":1,\"" + hostileName + "\":2}") + "."
                + TestJwts.b64("{}") + ".c2ln"));
        label = "huge arrays";
        // Huge arrays and many credentials.
        Scenario many = scenario();
        String vc = many.credential();
        bodies.add(body(
                many.assertionWith(many.presentation(Collections.nCopies(11, vc).toArray(new String[0])))));
        Scenario bigPower = scenario();
        bigPower.vcPayload = p -> mandate(p)
                .put("power", Collections.nCopies(500, Map.of("domain", "D", "function", "F", "action", "A")));
        bodies.add(body(bigPower.assertion()));
        Scenario bigAud = scenario();
        bigAud.assertionPayload = p -> p.put("aud", Collections.nCopies(5000, "https://x.example"));
        bodies.add(body(bigAud.assertion()));
    }

    private static final String MARK = "\u0000mark";

    @SuppressWarnings("unchecked")
    private static void replaceMark(Object node, Object value) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (MARK.equals(e.getValue())) {
                    e.setValue(value);
                } else {
                    replaceMark(e.getValue(), value);
                }
            }
        } else if (node instanceof List<?> l) {
            for (Object o : l) {
                replaceMark(o, value);
            }
        }
    }

    private int mutations;

    /** A random textual mutation of a valid request: truncations, flips, splices, garbage, oversize. */
    private String stringMutation() {
        // Every fourth one mutates a learcredential.machine.w3c.3 request (without drawing from the seeded random).
        Scenario s = ++mutations % 4 == 0 ? ItServer.w3c3Scenario() : scenario();
        String assertion = s.assertion();
        int kind = random.nextInt(9);
        label = "string mutation " + kind;
        switch (kind) {
            case 0:
                return body(assertion.substring(0, random.nextInt(assertion.length())));
            case 1: {
                char[] c = assertion.toCharArray();
                int n = 1 + random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    int at = random.nextInt(c.length);
                    char replacement;
                    do {
                        replacement = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."
                                .charAt(random.nextInt(65));
                    } while (replacement == c[at]);
                    c[at] = replacement;
                }
                return body(new String(c));
            }
            case 2: {
                String[] parts = assertion.split("\\.");
                Scenario other = scenario();
                String[] o = other.assertion().split("\\.");
                int swap = 1 + random.nextInt(2); // headers are identical across assertions: no mutation
                parts[swap] = o[swap];
                return body(String.join(".", parts));
            }
            case 3: {
                byte[] b = new byte[random.nextInt(2000)];
                random.nextBytes(b);
                return label
                        + LABEL_END
                        + new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).replace(LABEL_END, ' ');
            }
            case 4: {
                String vp = s.presentation(s.credential());
                String mutated = vp.substring(0, random.nextInt(vp.length()));
                return body(s.assertionWith(mutated));
            }
            case 5: {
                String vc = s.credential();
                int at = random.nextInt(vc.length());
                String mutated = vc.substring(0, at)
                        + (char) ('a' + random.nextInt(26))
                        + vc.substring(Math.min(vc.length(), at + 1));
                if (mutated.equals(vc)) {
                    mutated = vc + "x";
                }
                return body(s.assertionWith(s.presentation(mutated)));
            }
            case 6: {
                Map<String, String> params = new LinkedHashMap<>();
                params.put("grant_type", random.nextBoolean() ? "client_credentials" : "CLIENT_CREDENTIALS");
                params.put("client_assertion_type", random.nextBoolean() ? JWT_BEARER : JWT_BEARER + " ");
                params.put("client_assertion", assertion);
                String body = form(params);
                return label
                        + LABEL_END
                        + (random.nextBoolean()
                                ? body + "&client_assertion=" + assertion.substring(0, 10)
                                : body.replace("client_credentials", "client_credential"));
            }
            case 7:
                return body(assertion + "." + assertion);
            default:
                return body("eyJhbGciOiJFUzI1NiJ9." + "A".repeat(random.nextInt(50_000)) + ".AAAA");
        }
    }

    /** Its own seed, so the mutations above stay the ones they were. */
    private final Random sdRandom = new Random(20261203L);

    private static final List<String> BAD_DISCLOSURES = List.of(
            "[]",
            "[\"s\"]",
            "[\"s\",\"_sd\",[]]",
            "[\"s\",\"...\",1]",
            "{\"a\":1}",
            "[\"s\",\"mandatee\",{\"id\":\"did:key:z\"}]",
            "[1,2,3]",
            "[\"s\",\"a\",1e99999]",
            "not json",
            "[".repeat(40) + "]".repeat(40),
            "[\"s\",\"n\",\"" + "x".repeat(9000) + "\"]");

    /** A textual mutation of a valid learcredential.machine.sd.1 SD-JWT string in an otherwise valid request. */
    private String sdJwtMutation() {
        Scenario s = ItServer.sd1Scenario();
        String vc = s.credential();
        List<String> parts = new ArrayList<>(List.of(vc.split("~", -1)));
        int kind = sdRandom.nextInt(7);
        label = "sd-jwt mutation " + kind;
        String mutated;
        switch (kind) {
            case 0 -> mutated = vc.substring(0, sdRandom.nextInt(vc.length()));
            case 1 -> {
                char[] c = vc.toCharArray();
                for (int i = 1 + sdRandom.nextInt(4); i > 0; i--) {
                    int at = sdRandom.nextInt(c.length);
                    char replacement;
                    do {
                        replacement = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"
                                .charAt(sdRandom.nextInt(66));
                    } while (replacement == c[at]);
                    c[at] = replacement;
                }
                mutated = new String(c);
            }
            case 2 -> {
                parts.remove(1 + sdRandom.nextInt(parts.size() - 2));
                mutated = String.join("~", parts);
            }
            case 3 -> {
                parts.add(1 + sdRandom.nextInt(parts.size() - 1), parts.get(1 + sdRandom.nextInt(parts.size() - 2)));
                mutated = String.join("~", parts);
            }
            case 4 -> {
                String bad = BAD_DISCLOSURES.get(sdRandom.nextInt(BAD_DISCLOSURES.size()));
                parts.add(1 + sdRandom.nextInt(parts.size() - 1), io.lear.verifier.testsupport.TestJwts.b64(bad));
                mutated = String.join("~", parts);
            }
            case 5 -> mutated = vc + (sdRandom.nextBoolean() ? s.assertion().substring(0, 200) : "a.b.c");
            default -> mutated = vc + "~".repeat(1 + sdRandom.nextInt(3));
        }
        if (mutated.equals(vc)) {
            mutated = vc + "x";
        }
        return body(s.assertionWith(s.presentation(mutated)));
    }

    private static Object deep(int depth) {
        Object o = 1;
        for (int i = 0; i < depth; i++) {
            o = List.of(o);
        }
        return o;
    }
}
